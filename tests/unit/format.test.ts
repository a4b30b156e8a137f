import { describe, expect, it } from "vitest";
import { formatDecimal, formatInteger, formatIsoDate, formatPercent } from "~/domain/format";

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
});
