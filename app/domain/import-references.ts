import { headerOf, matchKey, plainCell, type RawWorkbook } from "./import-sheets";

/** How the importer's rows name other records: pillars and units by code or name, slots by indicator and period. */

export type Resolution<T> = { ok: true; item: T } | { ok: false; message: string };

/** Finds a pillar or unit by its exact code, else by code or name ignoring case and accents. */
export function resolver<T extends { id: number; code: string; name: string }>(items: readonly T[], missing: string, ambiguous: string) {
  const byCode = new Map(items.map((item) => [item.code, item]));
  const byKey = new Map<string, Set<T>>();
  for (const item of items) {
    for (const text of [item.code, item.name]) {
      const key = matchKey(text);
      byKey.set(key, (byKey.get(key) ?? new Set()).add(item));
    }
  }
  return (text: string): Resolution<T> => {
    const exact = byCode.get(text);
    if (exact) return { ok: true, item: exact };
    const found = [...(byKey.get(matchKey(text)) ?? [])];
    if (found.length === 1) return { ok: true, item: found[0] };
    return { ok: false, message: found.length === 0 ? missing : ambiguous };
  };
}

/** The key of a target or measurement: an indicator's code and a period (its key or id). */
export const slotKey = (code: string, period: string) => `${code}\u0000${period}`;

export interface DeclaredCodes {
  objectives: Set<string>;
  indicators: Set<string>;
}

/** Codes written in the Objetivos and Indicadores sheets, rows with problems included. */
export function declaredCodes(workbook: RawWorkbook): DeclaredCodes {
  const codesOf = (sheet: "objectives" | "indicators") => {
    const raw = workbook[sheet];
    const codes = new Set<string>();
    if (!raw) return codes;
    const position = raw.header.findIndex((cell) => {
      const plain = plainCell(cell);
      return plain != null && matchKey(String(plain)) === matchKey(headerOf(sheet, "code"));
    });
    if (position < 0) return codes;
    for (const { cells } of raw.rows) {
      const plain = plainCell(cells[position]);
      if (plain != null && !(plain instanceof Date) && typeof plain !== "object") codes.add(String(plain).trim());
    }
    return codes;
  };
  return { objectives: codesOf("objectives"), indicators: codesOf("indicators") };
}
