import { sql, type Kysely } from "kysely";
import { applyImport, uploadImport } from "../../app/services/import.server";
import { indicatorTemplateRow, objectiveTemplateRow } from "../../app/services/import/template.server";
import { loadTemplateData } from "../../db/queries/import";
import type { Database } from "../../db/schema";
import { buildImportTemplate, type ImportTemplateRows } from "../../exports/import-template";
import { adminContext, medianMs, round, type Figures } from "../support";

const REQUEST_ID = "bench-import";
const OBJECTIVE_ROWS = 100;
const INDICATOR_ROWS = 900;
const TARGET_ROWS = 4500;
const MEASUREMENT_ROWS = 4500;
const RUNS = 3;
const WARMUP = 1;

interface DraftMeasurement {
  id: number;
  code: string;
  key: string;
  kind: "ratio" | "value";
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  value_women: number | null;
  value_men: number | null;
  comment: string | null;
  evidence_url: string | null;
  reported_by: number | null;
  /** As text, to the microsecond, so that it goes back exactly. */
  reported_at: string | null;
}

/**
 * Issue 7: importing a 10,000-row filled template into the large plan (budget 15 s): 100
 * objectives and 900 indicators as they are, 4,500 targets of open periods and 4,500 draft
 * measurements with new values. Each run is a real upload, preview and apply (its own
 * transaction) that changes every target and measurement: runs alternate between the new values
 * and the original ones. Afterwards the targets and measurements get their values, reporter and
 * time back and the bench's audit events are removed (only versions move).
 */
export async function importFigures(db: Kysely<Database>, planId: number): Promise<Figures> {
  const ctx = await adminContext(db, REQUEST_ID);

  const plan = await db.selectFrom("plans").select(["code", "name"]).where("id", "=", planId).executeTakeFirstOrThrow();
  const lists = await loadTemplateData(db, planId, { filled: false });
  const targets = await db
    .selectFrom("targets as t")
    .innerJoin("indicators as i", "i.id", "t.indicator_id")
    .innerJoin("periods as p", "p.id", "t.period_id")
    .select(["t.id", "i.code", "p.key", "t.value"])
    .where("i.plan_id", "=", planId)
    .where("i.archived_at", "is", null)
    .where("p.status", "=", "open")
    .orderBy("t.id")
    .limit(TARGET_ROWS)
    .execute();
  const measurements: DraftMeasurement[] = await db
    .selectFrom("measurements as m")
    .innerJoin("indicators as i", "i.id", "m.indicator_id")
    .innerJoin("periods as p", "p.id", "m.period_id")
    .select([
      "m.id",
      "i.code",
      "p.key",
      "i.kind",
      "m.value",
      "m.numerator",
      "m.denominator",
      "m.value_women",
      "m.value_men",
      "m.comment",
      "m.evidence_url",
      "m.reported_by",
      sql<string | null>`m.reported_at::text`.as("reported_at"),
    ])
    .where("i.plan_id", "=", planId)
    .where("i.archived_at", "is", null)
    .where("p.status", "=", "open")
    .where("m.state", "=", "draft")
    .where((eb) =>
      eb.or([
        eb.and([eb("i.kind", "=", "value"), eb("m.value", "is not", null)]),
        eb.and([eb("i.kind", "=", "ratio"), eb("m.numerator", "is not", null), eb("m.denominator", ">", 0)]),
      ]),
    )
    .orderBy("m.id")
    .limit(MEASUREMENT_ROWS)
    .execute();
  if (targets.length < TARGET_ROWS || measurements.length < MEASUREMENT_ROWS) {
    throw new Error(`El plan grande tiene solo ${targets.length} metas y ${measurements.length} mediciones en borrador en periodos abiertos.`);
  }

  /** The template with every target and measurement moved by `bump` (0: the original values). */
  const templateWith = (bump: number) => {
    const rows: ImportTemplateRows = {
      objectives: lists.objectives.slice(0, OBJECTIVE_ROWS).map(objectiveTemplateRow),
      indicators: lists.indicators.slice(0, INDICATOR_ROWS).map(indicatorTemplateRow),
      targets: targets.map((target) => ({ indicator: target.code, period: target.key, value: target.value + bump })),
      measurements: measurements.map((measurement) => ({
        indicator: measurement.code,
        period: measurement.key,
        value: measurement.kind === "ratio" ? null : measurement.value! + bump,
        numerator: measurement.kind === "ratio" ? measurement.numerator! + bump : null,
        denominator: measurement.kind === "ratio" ? measurement.denominator : null,
        valueWomen: measurement.value_women,
        valueMen: measurement.value_men,
        comment: measurement.comment,
        evidenceUrl: measurement.evidence_url,
      })),
    };
    return buildImportTemplate({
      plan,
      pillars: lists.pillars,
      units: lists.units,
      objectiveCodes: lists.objectives.map((objective) => objective.code),
      indicatorCodes: lists.indicators.map((indicator) => indicator.code),
      periodKeys: lists.period_keys,
      rows,
    });
  };
  const files = [await templateWith(0), await templateWith(1)];

  let turn = 0;
  const elapsed = await medianMs(async () => {
    turn += 1;
    const preview = await uploadImport(ctx, { name: "plantilla-10000-filas.xlsx", bytes: files[turn % 2] }, { planId });
    if (!preview.ok) throw new Error(`La vista previa de la importación tiene problemas: ${preview.issues[0]?.message}`);
    const changed = preview.counts.targets.modificar + preview.counts.measurements.modificar;
    if (changed !== TARGET_ROWS + MEASUREMENT_ROWS) throw new Error(`La importación cambiaría ${changed} filas, no ${TARGET_ROWS + MEASUREMENT_ROWS}.`);
    const applied = await applyImport(ctx, preview.uploadId);
    if (!applied.ok) throw new Error(`La importación no se aplicó: ${applied.preview.issues[0]?.message}`);
  }, RUNS, WARMUP);

  await restore(db, targets, measurements);
  return { "import 10,000-row template (preview + apply)": { value: round(elapsed), unit: "ms", budget: 15_000 } };
}

/** The seed's targets and measurements back as they were, and none of the bench's audit events. */
async function restore(db: Kysely<Database>, targets: readonly { id: number; value: number }[], measurements: readonly DraftMeasurement[]) {
  await sql`
    UPDATE targets t SET value = c.value
    FROM jsonb_to_recordset(${JSON.stringify(targets.map(({ id, value }) => ({ id, value })))}::jsonb) AS c(id int, value numeric)
    WHERE t.id = c.id`.execute(db);
  const rows = measurements.map((m) => ({
    id: m.id,
    value: m.value,
    numerator: m.numerator,
    denominator: m.denominator,
    reported_by: m.reported_by,
    reported_at: m.reported_at,
  }));
  await sql`
    UPDATE measurements m
    SET value = c.value, numerator = c.numerator, denominator = c.denominator, state = 'draft',
        reported_by = c.reported_by, reported_at = c.reported_at
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS c(id int, value numeric, numerator numeric, denominator numeric, reported_by int, reported_at timestamptz)
    WHERE m.id = c.id`.execute(db);
  await db.deleteFrom("audit_events").where("request_id", "=", REQUEST_ID).execute();
}
