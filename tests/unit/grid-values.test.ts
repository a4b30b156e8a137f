import { describe, expect, it } from "vitest";
import {
  cellEditText,
  formatCellDate,
  formatCellNumber,
  formatCellValue,
  NOT_A_DATE,
  NOT_A_NUMBER,
  NOT_AN_OPTION,
  parseCellDate,
  parseCellInput,
  parseCellNumber,
  parseCellOption,
  parseCellText,
} from "~/domain/grid-values";

const number = (text: string) => {
  const parsed = parseCellNumber(text);
  return parsed.ok ? parsed.value : parsed.problem;
};

describe("parseCellNumber", () => {
  it("reads es-CL numbers", () => {
    expect(number("1.234,5")).toBe(1234.5);
    expect(number("1.234.567,89")).toBe(1234567.89);
    expect(number("9,75")).toBe(9.75);
    expect(number("-0,5")).toBe(-0.5);
    expect(number(" 1 234,5 ")).toBe(1234.5);
    expect(number("1\u00a0234,5")).toBe(1234.5);
  });

  it("reads plain numbers", () => {
    expect(number("1234.5")).toBe(1234.5);
    expect(number("1234")).toBe(1234);
    expect(number("0.125")).toBe(0.125);
    expect(number("1.5")).toBe(1.5);
    expect(number("-3")).toBe(-3);
  });

  it("reads dot-grouped thousands as es-CL writes them, so a shown value pastes back unchanged", () => {
    expect(number("1.234")).toBe(1234);
    expect(number("12.345.678")).toBe(12345678);
    expect(number(formatCellNumber(1234))).toBe(1234);
    expect(number(formatCellNumber(1234567.25, 2))).toBe(1234567.25);
  });

  it("reads English grouping with a decimal point", () => {
    expect(number("1,234.5")).toBe(1234.5);
  });

  it("gives null for a blank cell", () => {
    expect(number("")).toBeNull();
    expect(number("   ")).toBeNull();
  });

  it("refuses text and ambiguous mixes of marks", () => {
    for (const text of ["abc", "12a", "1,2,3", "1.2,3.4", "1,23.4.5", "5 %", "$1.000", "1e3x", "--1"]) {
      expect(number(text), text).toBe(NOT_A_NUMBER);
    }
  });
});

describe("formatCellNumber", () => {
  it("writes es-CL with the asked decimals", () => {
    expect(formatCellNumber(1234.5)).toBe("1.234,5");
    expect(formatCellNumber(1234.5, 2)).toBe("1.234,50");
    expect(formatCellNumber(1234.56, 0)).toBe("1.235");
    expect(formatCellNumber(0.12345)).toBe("0,1235");
  });

  it("writes nothing for a missing number", () => {
    expect(formatCellNumber(null)).toBe("");
    expect(formatCellNumber(undefined)).toBe("");
    expect(formatCellNumber(Number.NaN)).toBe("");
  });

  it("starts an editor with every decimal and no thousands dots", () => {
    expect(cellEditText("number", 1234.5678, { decimals: 1 })).toBe("1234,5678");
    expect(number(cellEditText("number", 1234.5678))).toBe(1234.5678);
    expect(cellEditText("number", 1234)).toBe("1234");
    expect(cellEditText("number", null)).toBe("");
  });
});

describe("dates", () => {
  it("accepts ISO and day-first dates and stores ISO", () => {
    expect(parseCellDate("2025-03-31")).toEqual({ ok: true, value: "2025-03-31" });
    expect(parseCellDate("31-03-2025")).toEqual({ ok: true, value: "2025-03-31" });
    expect(parseCellDate("1/4/2025")).toEqual({ ok: true, value: "2025-04-01" });
    expect(parseCellDate("29.02.2024")).toEqual({ ok: true, value: "2024-02-29" });
    expect(parseCellDate(" ")).toEqual({ ok: true, value: null });
  });

  it("refuses dates that do not exist or are not dates", () => {
    for (const text of ["2025-02-29", "31-04-2025", "2025-13-01", "mañana", "03-31", "00-01-2025"]) {
      expect(parseCellDate(text), text).toEqual({ ok: false, problem: NOT_A_DATE });
    }
  });

  it("shows dates as DD-MM-YYYY", () => {
    expect(formatCellDate("2025-03-31")).toBe("31-03-2025");
    expect(formatCellDate(null)).toBe("");
    expect(cellEditText("date", "2025-03-31")).toBe("31-03-2025");
  });
});

describe("options and text", () => {
  const states = [
    { value: "pending", label: "Pendiente" },
    { value: "done", label: "Cumplido" },
    { value: 3, label: "Tres" },
  ];

  it("matches a label or a value, ignoring case and accents", () => {
    expect(parseCellOption("cumplido", states)).toEqual({ ok: true, value: "done" });
    expect(parseCellOption(" PENDIENTE ", states)).toEqual({ ok: true, value: "pending" });
    expect(parseCellOption("done", states)).toEqual({ ok: true, value: "done" });
    expect(parseCellOption("3", states)).toEqual({ ok: true, value: 3 });
    expect(parseCellOption("", states)).toEqual({ ok: true, value: null });
    expect(parseCellOption("Atrasado", states)).toEqual({ ok: false, problem: NOT_AN_OPTION });
  });

  it("shows an option by its label", () => {
    expect(formatCellValue("select", "done", { options: states })).toBe("Cumplido");
    expect(formatCellValue("select", "desconocido", { options: states })).toBe("desconocido");
  });

  it("trims text and turns blank into null", () => {
    expect(parseCellText("  hola ")).toEqual({ ok: true, value: "hola" });
    expect(parseCellText("  ")).toEqual({ ok: true, value: null });
  });

  it("dispatches by kind", () => {
    expect(parseCellInput("number", "1.234,5")).toEqual({ ok: true, value: 1234.5 });
    expect(parseCellInput("date", "31-12-2025")).toEqual({ ok: true, value: "2025-12-31" });
    expect(parseCellInput("select", "Tres", states)).toEqual({ ok: true, value: 3 });
    expect(parseCellInput("text", "x")).toEqual({ ok: true, value: "x" });
    expect(formatCellValue("number", 1234.5, { decimals: 1 })).toBe("1.234,5");
    expect(formatCellValue("date", "2025-01-02")).toBe("02-01-2025");
    expect(formatCellValue("text", null)).toBe("");
  });
});
