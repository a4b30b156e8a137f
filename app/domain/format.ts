/** es-CL number and date formats (1.234,5 · 31-03-2024 · 95,0 %), shared by pages and reports. */
const integerFormat = new Intl.NumberFormat("es-CL", { maximumFractionDigits: 0 });

export function formatInteger(value: number | null | undefined): string {
  return value == null ? "—" : integerFormat.format(value);
}

// Building an Intl.NumberFormat costs far more than using one: keep one per precision.
const decimalFormats = new Map<number, Intl.NumberFormat>();

export function formatDecimal(value: number | null | undefined, digits = 1): string {
  if (value == null || !Number.isFinite(value)) return "—";
  let format = decimalFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat("es-CL", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    decimalFormats.set(digits, format);
  }
  return format.format(value);
}

export function formatPercent(value: number | null | undefined, digits = 1): string {
  return value == null || !Number.isFinite(value) ? "—" : `${formatDecimal(value, digits)} %`;
}

/** 'YYYY-MM-DD' -> 'DD-MM-YYYY' without going through Date, so no time zone can shift it. */
export function formatIsoDate(isoDate: string | null | undefined): string {
  if (!isoDate) return "—";
  const [year, month, day] = isoDate.slice(0, 10).split("-");
  return `${day}-${month}-${year}`;
}

const timestampParts = new Intl.DateTimeFormat("es-CL", {
  timeZone: "America/Santiago",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "25-11-2026 14:03", Santiago time, from a Date or an ISO timestamp; "—" when there is none. */
export function formatTimestamp(value: Date | string | null | undefined): string {
  if (value == null) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "—";
  const parts = Object.fromEntries(timestampParts.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.day}-${parts.month}-${parts.year} ${parts.hour}:${parts.minute}`;
}

/** "1 indicador", "1.234 indicadores": a count with its noun in the right number. */
export function formatCount(n: number, one: string, many: string): string {
  return `${integerFormat.format(n)} ${n === 1 ? one : many}`;
}
