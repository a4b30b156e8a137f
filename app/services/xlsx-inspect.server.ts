import { inflateRawSync } from "node:zlib";

/**
 * Decides whether an upload is an xlsx we are willing to open, BEFORE exceljs (JSZip) inflates
 * it: JSZip trusts the zip's directory and inflates every part into memory, so a 200 KB file of
 * compressed spaces costs half a gigabyte. This reads the central directory itself, refuses what
 * no honest workbook needs (zip64, several disks, encryption, odd compression methods, duplicate
 * names, bytes around the zip) and archives that expand too much, then inflates every entry with
 * a hard cap of its declared size, so a lying header cannot make it allocate more than the total
 * limit. On the way it counts the rows and cells of the worksheets, so that a huge sheet can be
 * refused before exceljs builds an object per cell.
 */

export interface InspectLimits {
  /** Sum of the entries' uncompressed sizes. */
  maxTotal: number;
  /** Uncompressed / compressed over the whole archive. */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_INSPECT_LIMITS: InspectLimits = { maxTotal: 100 * 1024 * 1024, maxRatio: 100, maxEntries: 10_000 };

export type InspectFailure = "ole2" | "not_zip" | "unsupported" | "corrupt" | "too_big" | "not_xlsx";

export type InspectResult =
  | { ok: true; entries: number; totalUncompressed: number; totalCompressed: number; worksheetRows: number; worksheetCells: number }
  | { ok: false; failure: InspectFailure; message: string };

const MESSAGES: Record<InspectFailure, string> = {
  ole2: "El archivo es un .xls antiguo o un .xlsx protegido con contraseña; guárdelo en Excel como libro .xlsx sin contraseña.",
  not_zip: "El archivo no es un libro de Excel (.xlsx), aunque su nombre lo diga.",
  unsupported: "El archivo usa un formato de compresión que no se admite (zip64, cifrado o varios volúmenes); guárdelo de nuevo como libro .xlsx.",
  corrupt: "El archivo está dañado: su estructura zip no es coherente.",
  too_big: "El archivo se expande demasiado al descomprimirlo (más de 100 MB, o una compresión sospechosa); no se procesa.",
  not_xlsx: "El archivo es un zip, pero no un libro de Excel (.xlsx).",
};

const REQUIRED_PARTS = ["[Content_Types].xml", "xl/workbook.xml"];
const WORKSHEET = /^\/?xl\/worksheets\/[^/]+\.xml$/;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;

interface Span {
  name: string;
  start: number;
  compressed: number;
  size: number;
  method: number;
}

export function inspectXlsx(buf: Buffer, limits: Partial<InspectLimits> = {}): InspectResult {
  const max = { ...DEFAULT_INSPECT_LIMITS, ...limits };
  const fail = (failure: InspectFailure): InspectResult => ({ ok: false, failure, message: MESSAGES[failure] });
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) return fail("ole2");
  if (buf.length < 22 || buf.readUInt32LE(0) !== SIG_LOCAL) return fail("not_zip");

  // End of central directory: the last 22 bytes plus up to 65,535 bytes of comment.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === SIG_END) {
      end = i;
      break;
    }
  }
  if (end < 0) return fail("corrupt");
  const disk = buf.readUInt16LE(end + 4);
  const directoryDisk = buf.readUInt16LE(end + 6);
  const entriesOnDisk = buf.readUInt16LE(end + 8);
  const entries = buf.readUInt16LE(end + 10);
  const directorySize = buf.readUInt32LE(end + 12);
  const directoryOffset = buf.readUInt32LE(end + 16);
  const commentLength = buf.readUInt16LE(end + 20);
  if (entries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) return fail("unsupported");
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== entries) return fail("unsupported");
  if (directoryOffset + directorySize !== end || end + 22 + commentLength !== buf.length) return fail("corrupt");
  if (entries > max.maxEntries) return fail("too_big");

  const seen = new Set<string>();
  const spans: Span[] = [];
  let totalUncompressed = 0;
  let totalCompressed = 0;
  let at = directoryOffset;
  for (let k = 0; k < entries; k++) {
    if (at + 46 > end || buf.readUInt32LE(at) !== SIG_CENTRAL) return fail("corrupt");
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const entryCommentLength = buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString(flags & 0x800 ? "utf8" : "latin1", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + entryCommentLength;
    if (flags & 0x1) return fail("unsupported");
    if (method !== 0 && method !== 8) return fail("unsupported");
    if (compressed === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) return fail("unsupported");
    if (seen.has(name)) return fail("corrupt");
    seen.add(name);
    // The local header must be where the directory says, and its data must end before the directory.
    if (localOffset + 30 > directoryOffset || buf.readUInt32LE(localOffset) !== SIG_LOCAL) return fail("corrupt");
    const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (start + compressed > directoryOffset) return fail("corrupt");
    if (method === 0 && compressed !== size) return fail("corrupt");
    totalUncompressed += size;
    totalCompressed += compressed;
    if (totalUncompressed > max.maxTotal) return fail("too_big");
    spans.push({ name, start, compressed, size, method });
  }
  if (at !== end) return fail("corrupt");
  if (totalCompressed > 0 && totalUncompressed / totalCompressed > max.maxRatio) return fail("too_big");
  for (const part of REQUIRED_PARTS) if (!seen.has(part) && !seen.has(`/${part}`)) return fail("not_xlsx");

  // Declared sizes can lie: inflate each entry capped at its declared size. More output throws,
  // less is a mismatch; either way the archive is not what it says.
  let worksheetRows = 0;
  let worksheetCells = 0;
  for (const span of spans) {
    const data = buf.subarray(span.start, span.start + span.compressed);
    let content: Buffer;
    if (span.method === 0) content = data;
    else {
      try {
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, span.size) });
      } catch {
        return fail("too_big");
      }
      if (content.length !== span.size) return fail("corrupt");
    }
    if (WORKSHEET.test(span.name)) {
      worksheetRows += countElements(content, "row");
      worksheetCells += countElements(content, "c");
    }
  }
  return { ok: true, entries, totalUncompressed, totalCompressed, worksheetRows, worksheetCells };
}

const LESS_THAN = 0x3c;
/** Characters that may follow an element's name: space, tab, newlines, '>' and '/'. */
const AFTER_NAME = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]);
const NAME_CHAR = /[A-Za-z0-9_.-]/;

/** Elements `<name …>` or `<prefix:name …>` in an XML document, counted on its bytes. */
function countElements(xml: Buffer, name: string): number {
  let count = 0;
  const plain = `<${name}`;
  for (let i = xml.indexOf(plain); i !== -1; i = xml.indexOf(plain, i + plain.length)) {
    if (AFTER_NAME.has(xml[i + plain.length])) count++;
  }
  const prefixed = `:${name}`;
  for (let i = xml.indexOf(prefixed); i !== -1; i = xml.indexOf(prefixed, i + prefixed.length)) {
    if (!AFTER_NAME.has(xml[i + prefixed.length])) continue;
    let before = i - 1;
    while (before >= 0 && NAME_CHAR.test(String.fromCharCode(xml[before]))) before -= 1;
    if (xml[before] === LESS_THAN) count++;
  }
  return count;
}
