import { z } from "zod";
import { listAuditEntityTypes, listAuditEvents } from "../../db/queries/audit";
import { listUserChoices } from "../../db/queries/audit-filters";
import { parseInput } from "../domain/validation";
import { requireCapability, type ServiceContext } from "./context.server";
import { ValidationError } from "./errors";

export const AUDIT_PAGE_SIZE = 50;

/** Dates typed in the filter are days of the office's calendar, not of UTC. */
const OFFICE_TIME_ZONE = "America/Santiago";

const MAX_INT4 = 2_147_483_647;
const INVALID_DATE = "debe ser una fecha válida (AAAA-MM-DD)";
const CURSOR_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)_([1-9]\d{0,15})$/;

/** A GET form sends every field; an empty one means "no filter". */
const blankAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const isoDate = z.preprocess(
  blankAsMissing,
  z
    .string({ error: INVALID_DATE })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, INVALID_DATE)
    .refine(isCalendarDate, INVALID_DATE)
    .optional(),
);

const auditFilterSchema = z
  .object({
    userId: z.preprocess(
      blankAsMissing,
      z.coerce
        .number({ error: "no es un usuario válido" })
        .int("no es un usuario válido")
        .positive("no es un usuario válido")
        .max(MAX_INT4, "no es un usuario válido")
        .optional(),
    ),
    entityType: z.preprocess(
      blankAsMissing,
      z.string({ error: "no es una entidad válida" }).trim().max(100, "no es una entidad válida").optional(),
    ),
    from: isoDate,
    to: isoDate,
    cursor: z.preprocess(
      blankAsMissing,
      z
        .string({ error: "el enlace de la página no es válido; vuelva al inicio" })
        .transform((value, ctx) => {
          const cursor = decodeCursor(value);
          if (!cursor) {
            ctx.addIssue({ code: "custom", message: "el enlace de la página no es válido; vuelva al inicio" });
            return z.NEVER;
          }
          return cursor;
        })
        .optional(),
    ),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, {
    message: "debe ser igual o posterior a «Desde»",
    path: ["to"],
  });

const FILTER_LABELS: Record<string, string> = {
  userId: "Usuario",
  entityType: "Entidad",
  from: "Desde",
  to: "Hasta",
  cursor: "Página",
};

/**
 * One page of the audit trail, newest first, with what the filter form offers. Paged by keyset
 * only: no OFFSET and no total, so page 2 000 costs what page 1 does.
 */
export async function listAuditLog(ctx: ServiceContext, filterInput: unknown) {
  requireCapability(ctx, "audit.read");
  const parsed = parseInput(auditFilterSchema, filterInput, FILTER_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const filter = parsed.data;

  const [rows, entityTypes, users] = await Promise.all([
    listAuditEvents(ctx.db, {
      userId: filter.userId,
      entityType: filter.entityType,
      from: filter.from ? startOfOfficeDay(filter.from) : undefined,
      // "Hasta" includes its whole day: the bound is the start of the next one, exclusive.
      to: filter.to ? startOfOfficeDay(nextIsoDate(filter.to)) : undefined,
      after: filter.cursor,
      // One row more than shown tells whether a next page exists without counting.
      limit: AUDIT_PAGE_SIZE + 1,
    }),
    listAuditEntityTypes(ctx.db),
    listUserChoices(ctx.db),
  ]);

  const events = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = events[events.length - 1];
  const nextCursor = rows.length > AUDIT_PAGE_SIZE && last ? encodeCursor(last.cursor_time, last.id) : null;
  return { events, nextCursor, entityTypes, users };
}

export function encodeCursor(cursorTime: string, id: number): string {
  return `${cursorTime}_${id}`;
}

function decodeCursor(value: string): { occurredAt: string; id: number } | null {
  const match = CURSOR_PATTERN.exec(value.trim());
  if (!match) return null;
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id) || Number.isNaN(Date.parse(match[1]))) return null;
  return { occurredAt: match[1], id };
}

function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split("-").map(Number);
  if (year < 1900 || year > 2999) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function nextIsoDate(value: string): string {
  const [year, month, day] = value.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

const officeClock = new Intl.DateTimeFormat("en-US", {
  timeZone: OFFICE_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function officeWallClock(instant: number) {
  const parts = Object.fromEntries(officeClock.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    isoDate: `${parts.year}-${parts.month}-${parts.day}`,
    asUtc: Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    ),
  };
}

/**
 * The first instant of a calendar day in Santiago. Chile moves its clocks at midnight, so a day
 * may start at 01:00 or have its midnight twice; trying the offsets in force around the day and
 * keeping the earliest instant that falls on it covers both.
 */
export function startOfOfficeDay(isoDate: string): Date {
  const [year, month, day] = isoDate.split("-").map(Number);
  const wallMidnight = Date.UTC(year, month - 1, day);
  const hour = 3_600_000;
  const candidates = [wallMidnight - 12 * hour, wallMidnight + 12 * hour, wallMidnight + 36 * hour]
    .map((probe) => wallMidnight - (officeWallClock(probe).asUtc - probe))
    .filter((instant) => officeWallClock(instant).isoDate === isoDate);
  return new Date(candidates.length > 0 ? Math.min(...candidates) : wallMidnight);
}
