import { describe, expect, it } from "vitest";
import { parseCellInput } from "~/domain/grid-values";
import { parseClipboardTable, tableSize } from "~/domain/paste";

describe("parseClipboardTable", () => {
  it("splits rows on line breaks and cells on tabs", () => {
    expect(parseClipboardTable("a\tb\tc\nd\te\tf")).toEqual([
      ["a", "b", "c"],
      ["d", "e", "f"],
    ]);
  });

  it("understands Windows line breaks and ignores the final one", () => {
    expect(parseClipboardTable("1\t2\r\n3\t4\r\n")).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(parseClipboardTable("1\t2\n")).toEqual([["1", "2"]]);
    expect(parseClipboardTable("solo\r")).toEqual([["solo"]]);
  });

  it("keeps empty cells, leading and trailing ones included", () => {
    expect(parseClipboardTable("\tb\t\n\t\t\n")).toEqual([
      ["", "b", ""],
      ["", "", ""],
    ]);
    // One copied empty cell is a row with one blank cell: pasting it clears the cell.
    expect(parseClipboardTable("\r\n")).toEqual([[""]]);
  });

  it("gives no rows for an empty clipboard", () => {
    expect(parseClipboardTable("")).toEqual([]);
  });

  it("reads quoted cells holding tabs, line breaks and doubled quotes as Excel writes them", () => {
    const copied = 'Meta\t"línea uno\r\nlínea dos"\t"con\ttab"\r\n"dice ""hola"""\t5\t""\r\n';
    expect(parseClipboardTable(copied)).toEqual([
      ["Meta", "línea uno\r\nlínea dos", "con\ttab"],
      ['dice "hola"', "5", ""],
    ]);
  });

  it("keeps a quote that does not wrap the whole cell as text", () => {
    expect(parseClipboardTable('12" pantalla\t"5" pulgadas\n')).toEqual([['12" pantalla', '"5" pulgadas']]);
    expect(parseClipboardTable('"sin cierre\tx')).toEqual([['"sin cierre', "x"]]);
  });

  it("measures a ragged block by its widest row", () => {
    expect(tableSize(parseClipboardTable("a\nb\tc\td\n"))).toEqual({ rows: 2, columns: 3 });
    expect(tableSize([])).toEqual({ rows: 0, columns: 0 });
  });

  it("hands es-CL and plain decimals to the number parser unchanged", () => {
    const block = parseClipboardTable("1.234,5\t1234.5\r\n9,75\t\r\n");
    const values = block.map((row) => row.map((cell) => parseCellInput("number", cell)));
    expect(values).toEqual([
      [
        { ok: true, value: 1234.5 },
        { ok: true, value: 1234.5 },
      ],
      [
        { ok: true, value: 9.75 },
        { ok: true, value: null },
      ],
    ]);
  });
});
