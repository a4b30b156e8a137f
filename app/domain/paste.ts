/**
 * Reads a block copied from Excel, LibreOffice Calc or Google Sheets. They put it on the
 * clipboard as text/plain, tab-separated, one line per row, ending in a line break; a cell that
 * holds a tab, a line break or a quote is wrapped in double quotes with inner quotes doubled
 * ("a ""b""" -> a "b"). Pure.
 */

/** The clipboard's text as rows of cells; an empty clipboard gives no rows. */
export function parseClipboardTable(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let index = 0;
  const length = text.length;

  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };

  while (index < length) {
    // A quote opens a quoted cell only at the start of a cell, as spreadsheets write them;
    // elsewhere it is an ordinary character (12" screens).
    if (text[index] === '"' && cell === "" && isQuotedCell(text, index)) {
      index += 1;
      while (index < length) {
        if (text[index] === '"') {
          if (text[index + 1] === '"') {
            cell += '"';
            index += 2;
            continue;
          }
          index += 1;
          break;
        }
        cell += text[index];
        index += 1;
      }
      continue;
    }
    const char = text[index];
    if (char === "\t") {
      endCell();
      index += 1;
    } else if (char === "\r" || char === "\n") {
      endRow();
      index += char === "\r" && text[index + 1] === "\n" ? 2 : 1;
    } else {
      cell += char;
      index += 1;
    }
  }
  // The final line break ends the last row; only text after it is one more row.
  if (cell !== "" || row.length > 0) endRow();
  return rows;
}

/**
 * A cell that starts with a quote is a quoted cell only if its closing quote is followed by a
 * tab, a line break or the end; otherwise ("5" pulgadas) the quote is part of the text.
 */
function isQuotedCell(text: string, start: number): boolean {
  let index = start + 1;
  while (index < text.length) {
    if (text[index] === '"') {
      if (text[index + 1] === '"') {
        index += 2;
        continue;
      }
      const after = text[index + 1];
      return after === undefined || after === "\t" || after === "\r" || after === "\n";
    }
    index += 1;
  }
  return false;
}

/** The size of a pasted block: rows, and the widest row's cells. */
export function tableSize(table: readonly (readonly string[])[]): { rows: number; columns: number } {
  return { rows: table.length, columns: table.reduce((widest, row) => Math.max(widest, row.length), 0) };
}
