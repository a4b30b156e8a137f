import { describe, expect, it } from "vitest";
import { formatCount, formatDecimal, formatInteger, formatIsoDate, formatPercent, formatTimestamp } from "~/domain/format";

describe("es-CL formats", () => {
  it("groups thousands with a dot and uses a decimal comma", () => {
    expect(formatInteger(1234567)).toBe("1.234.567");
    expect(formatDecimal(1234.5)).toBe("1.234,5");
    expect(formatPercent(95)).toBe("95,0 %");
  });

  it("writes dates as DD-MM-YYYY without any time-zone shift", () => {
    expect(formatIsoDate("2024-03-31")).toBe("31-03-2024");
  });

  it("shows a dash for missing values", () => {
    expect(formatInteger(null)).toBe("—");
    expect(formatPercent(Number.NaN)).toBe("—");
    expect(formatIsoDate(null)).toBe("—");
  });

  it("writes a moment as Santiago's day and 24-hour time, whatever the server's zone", () => {
    // 17:03 UTC is 14:03 in Santiago in November (UTC-3).
    expect(formatTimestamp("2026-11-25T17:03:00Z")).toBe("25-11-2026 14:03");
    expect(formatTimestamp(new Date("2026-07-01T03:30:00Z"))).toBe("30-06-2026 23:30");
    expect(formatTimestamp("no es una fecha")).toBe("—");
  });

  it("counts with the noun in the right number and es-CL thousands", () => {
    expect(formatCount(1, "celda", "celdas")).toBe("1 celda");
    expect(formatCount(0, "celda", "celdas")).toBe("0 celdas");
    expect(formatCount(1234, "indicador", "indicadores")).toBe("1.234 indicadores");
  });
});
