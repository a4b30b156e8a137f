import { sql, type Kysely } from "kysely";
import type { CellChange } from "../../app/domain/grid-batch";
import { ratioValue, reportingRowKey } from "../../app/domain/schemas/reporting-grid";
import { saveReportingBatch } from "../../app/services/reporting-grid.server";
import type { Database } from "../../db/schema";
import { adminContext, pairedMedianMs, round, type Figures } from "../support";

const ROWS = 500;
const REQUEST_ID = "bench-grid-save";
// The service's first calls in a process compile its code paths: three unmeasured runs of each.
const RUNS = 15;
const WARMUP = 3;

interface BenchRow {
  indicatorId: number;
  periodId: number;
  kind: "ratio" | "value";
  factor: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  valueWomen: number | null;
  valueMen: number | null;
  comment: string | null;
  evidenceUrl: string | null;
  version: number;
}

/**
 * Issue 6: saving 1,000 changed cells in one request on the large plan (500 draft measurements
 * in open periods, two fields each: numerator and denominator of a ratio, value and comment of
 * a value) against one raw multi-row upsert of the same rows (budget 500 ms, ratio under 2).
 * The two are timed in alternation (see pairedMedianMs). Every run really changes the values
 * (they alternate) and the grid save sends the current versions. The
 * rows get their values back at the end and the bench's audit events are removed, so the
 * large plan keeps its figures (only versions and who reported those drafts change).
 */
export async function gridSaveFigures(db: Kysely<Database>, planId: number): Promise<Figures> {
  const ctx = await adminContext(db, REQUEST_ID);

  const original: BenchRow[] = await db
    .selectFrom("measurements as m")
    .innerJoin("indicators as i", "i.id", "m.indicator_id")
    .innerJoin("periods as p", "p.id", "m.period_id")
    .select([
      "m.indicator_id as indicatorId",
      "m.period_id as periodId",
      "i.kind",
      "i.factor",
      "m.numerator",
      "m.denominator",
      "m.value",
      "m.value_women as valueWomen",
      "m.value_men as valueMen",
      "m.comment",
      "m.evidence_url as evidenceUrl",
      "m.version",
    ])
    .where("i.plan_id", "=", planId)
    .where("i.archived_at", "is", null)
    .where("p.status", "=", "open")
    .where("m.state", "=", "draft")
    // Complete drafts only, so every run can change them and the end can put them back as they were.
    .where((eb) =>
      eb.or([
        eb.and([eb("i.kind", "=", "value"), eb("m.value", "is not", null)]),
        eb.and([eb("i.kind", "=", "ratio"), eb("m.numerator", "is not", null), eb("m.denominator", "is not", null)]),
      ]),
    )
    .orderBy("m.id")
    .limit(ROWS)
    .execute();
  if (original.length < ROWS) throw new Error(`El plan grande tiene solo ${original.length} mediciones en borrador en periodos abiertos.`);

  const versions = new Map(original.map((row) => [reportingRowKey(row.indicatorId, row.periodId), row.version]));
  /** Turn `turn` of the alternation: odd turns add one, even turns go back to the original. */
  const variant = (row: BenchRow, turn: number): BenchRow => {
    const bump = turn % 2 === 1 ? 1 : 0;
    if (row.kind === "ratio") {
      const numerator = row.numerator! + bump;
      const denominator = row.denominator! + bump;
      return { ...row, numerator, denominator, value: ratioValue(numerator, denominator, row.factor) };
    }
    return { ...row, value: row.value! + bump, comment: bump ? "Revisado en la medición de rendimiento" : row.comment };
  };
  const changesFor = (turn: number): CellChange[] =>
    original.flatMap((row) => {
      const next = variant(row, turn);
      const key = reportingRowKey(row.indicatorId, row.periodId);
      const version = versions.get(key)!;
      return next.kind === "ratio"
        ? [
            { row: key, field: "numerator", value: next.numerator, version },
            { row: key, field: "denominator", value: next.denominator, version },
          ]
        : [
            { row: key, field: "value", value: next.value, version },
            { row: key, field: "comment", value: next.comment, version },
          ];
    });

  // Each run, of either kind, really changes the rows: turns alternate between the bumped and
  // the original values.
  let turn = 0;
  const saveWithService = async () => {
    turn += 1;
    const result = await saveReportingBatch(ctx, { changes: changesFor(turn) }, { planId });
    if (!result.ok) throw new Error(`El guardado de la grilla falló: ${result.problems[0]?.message}`);
    // A saved measurement always has a version (only a cleared target has none).
    for (const record of result.records) if (record.version != null) versions.set(record.row, record.version);
  };
  const rawUpsert = (rows: readonly BenchRow[]) =>
    db
      .insertInto("measurements")
      .values(
        rows.map((row) => ({
          indicator_id: row.indicatorId,
          period_id: row.periodId,
          numerator: row.numerator,
          denominator: row.denominator,
          value: row.value,
          value_women: row.valueWomen,
          value_men: row.valueMen,
          comment: row.comment,
          evidence_url: row.evidenceUrl,
          state: "draft" as const,
          reported_by: ctx.actor.id,
          reported_at: sql<Date>`now()`,
          updated_at: sql<Date>`now()`,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(["indicator_id", "period_id"]).doUpdateSet((eb) => ({
          numerator: eb.ref("excluded.numerator"),
          denominator: eb.ref("excluded.denominator"),
          value: eb.ref("excluded.value"),
          value_women: eb.ref("excluded.value_women"),
          value_men: eb.ref("excluded.value_men"),
          comment: eb.ref("excluded.comment"),
          evidence_url: eb.ref("excluded.evidence_url"),
          state: "draft",
          reported_by: eb.ref("excluded.reported_by"),
          reported_at: eb.ref("excluded.reported_at"),
          updated_at: eb.ref("excluded.updated_at"),
          version: eb("measurements.version", "+", 1),
        })),
      )
      .execute();
  const saveRaw = async () => {
    turn += 1;
    await rawUpsert(original.map((row) => variant(row, turn)));
    // The upsert moved every row's version by one; the next grid save must send the new ones.
    for (const [key, version] of versions) versions.set(key, version + 1);
  };
  const [service, raw] = await pairedMedianMs(saveWithService, saveRaw, RUNS, WARMUP);

  // The seed's values back, and none of the bench's audit events left behind.
  await rawUpsert(original);
  await db.deleteFrom("audit_events").where("request_id", "=", REQUEST_ID).execute();

  return {
    "grid save, 1,000 cells (one request)": { value: round(service), unit: "ms", budget: 500 },
    "grid save raw upsert": { value: round(raw), unit: "ms", budget: 500 },
    "grid save / raw upsert": { value: round(service / raw, 2), unit: "x", budget: 2 },
  };
}
