import type { Insertable, Kysely, Transaction } from "kysely";
import { hashPassword } from "../../app/auth/password.server";
import { generatePeriods, PERIODS_PER_YEAR, type PeriodSpec } from "../../app/domain/periods";
import type {
  Database,
  MeasurementsTable,
  MeasurementState,
  MilestonesTable,
  MilestoneState,
  Periodicity,
  TargetsTable,
} from "../schema";
import {
  AGREEMENTS,
  AXES,
  COMMITMENTS,
  COMMITTEE_SESSION,
  DEFINITIONS,
  DEMO_ACCOUNTS,
  DEMO_UNIT_HEAD_UNIT,
  INDICATORS,
  MEASUREMENT_OVERRIDES,
  OBJECTIVES,
  PILLARS,
  PLAN,
  SHORTFALL_COMMENTS,
  UNITS,
  type DemoIndicator,
  type MeasurementOverride,
} from "./demo-data";

export { DEMO_ACCOUNTS, DEMO_UNIT_HEAD_UNIT, type DemoAccount } from "./demo-data";

export const DEMO_PLAN_CODE = "GORE-RMS-2023";

/** Shared by the five demo accounts and documented for anyone trying the demo: it guards nothing real. */
export const DEMO_PASSPHRASE = "demo-gore-2023";

/**
 * What seedDemo writes into a fresh database, table by table. Units and users are global and
 * reused by code / e-mail when they already exist, so on a database that had them the seed adds fewer.
 */
export const DEMO_COUNTS = {
  plans: 1,
  strategic_definitions: 7,
  pillars: 3,
  axes: 4,
  objectives: 12,
  objective_axes: 18,
  units: 7,
  users: 5,
  user_units: 1,
  indicators: 37,
  indicator_axes: 59,
  periods: 76,
  targets: 549,
  measurements: 357,
  commitments: 15,
  commitment_axes: 28,
  milestones: 65,
  committee_sessions: 1,
  agreements: 6,
  comments: 3,
} as const satisfies Partial<Record<keyof Database, number>>;

/**
 * The demo is a snapshot of mid-January 2026: periods up to September 2025 are closed and
 * validated, the last quarter of 2025 is still being reported. No timestamp goes past this day.
 */
const DEMO_NOW = Date.parse("2026-01-15T20:00:00Z");
const LAST_CLOSED_DAY = "2025-09-30";
const TARGET_YEARS = [2024, 2025, 2026];
const MEASURED_YEARS = [2024, 2025];
const EVIDENCE_BASE = "https://transparencia.gobiernosantiago.cl/gobierno-abierto";
const DAY_MS = 86_400_000;

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  if (await demoPlanExists(db)) return { created: false };
  // Hashing is the slow part: once, outside the transaction, shared by the five accounts.
  const passwordHash = await hashPassword(DEMO_PASSPHRASE);
  return db.transaction().execute(async (trx) => {
    // Checked again inside the transaction to see a seed that ran meanwhile; a true race still
    // stops at the unique plan code and rolls back whole.
    if (await demoPlanExists(trx)) return { created: false };
    await insertDemo(trx, passwordHash);
    return { created: true };
  });
}

async function demoPlanExists(db: Db | Trx): Promise<boolean> {
  const row = await db.selectFrom("plans").select("id").where("code", "=", DEMO_PLAN_CODE).executeTakeFirst();
  return row !== undefined;
}

async function insertDemo(trx: Trx, passwordHash: string): Promise<void> {
  const unitIds = await ensureUnits(trx);
  const userIds = await ensureUsers(trx, passwordHash);
  const planner = userIds.get("planificacion@demo.gore.cl")!;
  const committee = userIds.get("comite@demo.gore.cl")!;
  const unitHead = userIds.get("jefatura@demo.gore.cl")!;
  const unitHeadUnit = unitIds.get(DEMO_UNIT_HEAD_UNIT)!;
  await trx
    .insertInto("user_units")
    .values({ user_id: unitHead, unit_id: unitHeadUnit })
    .onConflict((oc) => oc.columns(["user_id", "unit_id"]).doNothing())
    .execute();
  const unit = (code: string) => unitIds.get(code)!;
  const reporterFor = (unitCode: string) => (unitCode === DEMO_UNIT_HEAD_UNIT ? unitHead : planner);

  const plan = await trx
    .insertInto("plans")
    .values({
      code: DEMO_PLAN_CODE,
      name: PLAN.name,
      description: PLAN.description,
      start_year: PLAN.startYear,
      end_year: PLAN.endYear,
      status: "active",
      green_threshold: 95,
      yellow_threshold: 75,
      score_cap: 100,
      is_demo: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const planId = plan.id;

  await trx
    .insertInto("strategic_definitions")
    .values(DEFINITIONS.map((d, i) => ({ plan_id: planId, kind: d.kind, title: d.title, body: d.body, position: i + 1 })))
    .execute();

  const pillarIds = idsByCode(
    await trx
      .insertInto("pillars")
      .values(
        PILLARS.map((p, i) => ({
          plan_id: planId,
          code: p.code,
          name: p.name,
          action_line: p.actionLine,
          governance: p.governance,
          description: p.description,
          weight: p.weight,
          color: p.color,
          position: i + 1,
        })),
      )
      .returning(["id", "code"])
      .execute(),
  );

  const axisIds = idsByCode(
    await trx
      .insertInto("axes")
      .values(
        AXES.map((a, i) => ({
          plan_id: planId,
          code: a.code,
          name: a.name,
          description: a.description,
          color: a.color,
          position: i + 1,
        })),
      )
      .returning(["id", "code"])
      .execute(),
  );

  const objectiveIds = idsByCode(
    await trx
      .insertInto("objectives")
      .values(
        OBJECTIVES.map((o) => ({
          plan_id: planId,
          pillar_id: pillarIds.get(o.pillar)!,
          code: o.code,
          title: o.title,
          description: o.description,
          weight: o.weight,
          owner_unit_id: unit(o.owner),
          position: positionWithin(OBJECTIVES, o, (x) => x.pillar),
        })),
      )
      .returning(["id", "code"])
      .execute(),
  );
  await trx
    .insertInto("objective_axes")
    .values(OBJECTIVES.flatMap((o) => o.axes.map((a) => ({ objective_id: objectiveIds.get(o.code)!, axis_id: axisIds.get(a)! }))))
    .execute();

  const indicatorIds = idsByCode(
    await trx
      .insertInto("indicators")
      .values(
        INDICATORS.map((ind) => ({
          plan_id: planId,
          objective_id: objectiveIds.get(ind.objective)!,
          code: ind.code,
          name: ind.name,
          description: ind.description ?? null,
          formula: ind.formula,
          kind: ind.kind,
          numerator_label: ind.numeratorLabel ?? null,
          denominator_label: ind.denominatorLabel ?? null,
          factor: ind.kind === "ratio" ? 100 : 1,
          unit_of_measure: ind.unitOfMeasure,
          direction: ind.direction,
          periodicity: ind.periodicity,
          aggregation: ind.aggregation,
          scoring_method: ind.scoringMethod ?? "ratio",
          baseline_value: ind.baseline,
          baseline_year: ind.baselineYear,
          weight: ind.weight,
          responsible_unit_id: unit(ind.unit),
          data_source: ind.dataSource,
          verification_means: ind.verificationMeans,
          sex_disaggregated: ind.sexDisaggregated ?? false,
          is_published: ind.published,
          position: positionWithin(INDICATORS, ind, (x) => x.objective),
        })),
      )
      .returning(["id", "code"])
      .execute(),
  );
  await trx
    .insertInto("indicator_axes")
    .values(INDICATORS.flatMap((ind) => ind.axes.map((a) => ({ indicator_id: indicatorIds.get(ind.code)!, axis_id: axisIds.get(a)! }))))
    .execute();

  // Each periodicity's calendar once, for the whole plan span, whether or not a year has data.
  const periodicities = [...new Set(INDICATORS.map((ind) => ind.periodicity))];
  const specs = periodicities.flatMap((p) => generatePeriods(p, PLAN.startYear, PLAN.endYear));
  const periodRows = await trx
    .insertInto("periods")
    .values(
      specs.map((s) => {
        const closed = s.endDate <= LAST_CLOSED_DAY;
        return {
          plan_id: planId,
          key: s.key,
          periodicity: s.periodicity,
          year: s.year,
          number: s.number,
          start_date: s.startDate,
          end_date: s.endDate,
          status: closed ? ("closed" as const) : ("open" as const),
          closed_at: closed ? timestamp(s.endDate, 25, 20) : null,
          closed_by: closed ? planner : null,
        };
      }),
    )
    .returning(["id", "key"])
    .execute();
  const periodIds = new Map(periodRows.map((r) => [r.key, r.id]));
  const periodsOf = new Map<Periodicity, PeriodSpec[]>(
    periodicities.map((p) => [p, specs.filter((s) => s.periodicity === p)]),
  );

  const targets: Insertable<TargetsTable>[] = [];
  const measurements: Insertable<MeasurementsTable>[] = [];
  INDICATORS.forEach((ind, index) => {
    const series = buildSeries(ind, index, periodsOf.get(ind.periodicity)!);
    const indicatorId = indicatorIds.get(ind.code)!;
    for (const t of series.targets) {
      targets.push({ indicator_id: indicatorId, period_id: periodIds.get(t.key)!, value: t.value, updated_by: planner });
    }
    for (const m of series.measurements) {
      const reviewed = m.state === "approved" || m.state === "returned";
      measurements.push({
        indicator_id: indicatorId,
        period_id: periodIds.get(m.key)!,
        numerator: m.numerator,
        denominator: m.denominator,
        value: m.value,
        value_women: m.valueWomen,
        value_men: m.valueMen,
        comment: m.comment,
        evidence_url: m.evidenceUrl,
        state: m.state,
        review_note: m.reviewNote,
        reported_by: reporterFor(ind.unit),
        reported_at: m.reportedAt,
        submitted_at: m.submittedAt,
        reviewed_by: reviewed ? planner : null,
        reviewed_at: m.reviewedAt,
        version: VERSION_BY_STATE[m.state],
      });
    }
  });
  await inChunks(targets, (chunk) => trx.insertInto("targets").values(chunk).execute());
  const measurementRows = await inChunks(measurements, (chunk) =>
    trx.insertInto("measurements").values(chunk).returning(["id", "indicator_id", "period_id"]).execute(),
  );
  const measurementIds = new Map(measurementRows.map((r) => [`${r.indicator_id}|${r.period_id}`, r.id]));

  const commitmentIds = idsByCode(
    await trx
      .insertInto("commitments")
      .values(
        COMMITMENTS.map((c) => ({
          plan_id: planId,
          pillar_id: pillarIds.get(c.pillar)!,
          code: c.code,
          title: c.title,
          description: c.description,
          responsible_unit_id: unit(c.unit),
          start_date: c.start,
          end_date: c.end,
          weight: c.weight,
          is_published: c.published,
          position: positionWithin(COMMITMENTS, c, (x) => x.pillar),
        })),
      )
      .returning(["id", "code"])
      .execute(),
  );
  await trx
    .insertInto("commitment_axes")
    .values(COMMITMENTS.flatMap((c) => c.axes.map((a) => ({ commitment_id: commitmentIds.get(c.code)!, axis_id: axisIds.get(a)! }))))
    .execute();

  const milestones: Insertable<MilestonesTable>[] = COMMITMENTS.flatMap((c) =>
    c.milestones.map((m, i) => {
      const state: MilestoneState = m.cancelled
        ? "cancelled"
        : m.progress >= 100
          ? "done"
          : m.progress > 0
            ? "in_progress"
            : "pending";
      const done = state === "done";
      return {
        commitment_id: commitmentIds.get(c.code)!,
        title: m.title,
        due_date: m.due,
        weight: m.weight ?? 1,
        progress: m.progress,
        state,
        evidence_url: done ? `${EVIDENCE_BASE}/plan-de-accion/${c.code}/hito-${i + 1}.pdf` : null,
        comment: m.comment ?? null,
        // Finished a few days before the due date, as most done milestones are.
        completed_at: done ? timestamp(m.due, -((i * 3) % 7), 16) : null,
        position: i + 1,
        version: state === "pending" ? 1 : 2,
        updated_by: state === "pending" ? null : reporterFor(c.unit),
      };
    }),
  );
  const milestoneRows = await trx
    .insertInto("milestones")
    .values(milestones)
    .returning(["id", "commitment_id", "position"])
    .execute();
  const milestoneId = (commitmentCode: string, position: number) =>
    milestoneRows.find((r) => r.commitment_id === commitmentIds.get(commitmentCode) && r.position === position)!.id;

  const session = await trx
    .insertInto("committee_sessions")
    .values({
      plan_id: planId,
      number: COMMITTEE_SESSION.number,
      held_on: COMMITTEE_SESSION.heldOn,
      title: COMMITTEE_SESSION.title,
      minutes: COMMITTEE_SESSION.minutes,
      state: "held",
      created_by: committee,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("agreements")
    .values(
      AGREEMENTS.map((a, i) => ({
        session_id: session.id,
        position: i + 1,
        text: a.text,
        responsible_unit_id: a.unit ? unit(a.unit) : null,
        due_date: a.due,
        state: a.state,
        completed_at: a.completedAt ?? null,
      })),
    )
    .execute();

  const measurementId = (code: string, key: string) =>
    measurementIds.get(`${indicatorIds.get(code)}|${periodIds.get(key)}`)!;
  await trx
    .insertInto("comments")
    .values([
      {
        indicator_id: indicatorIds.get("T2.1")!,
        author_id: committee,
        body:
          "El comité pide un plan de acción para la OIRS: el indicador está bajo la meta desde 2024 y " +
          "la demanda no ha bajado.",
        created_at: "2025-10-15T18:30:00Z",
      },
      {
        measurement_id: measurementId("T1.3", "2025-06"),
        author_id: planner,
        body: "Se devuelve: el reporte del Portal de Transparencia registra 171 solicitudes respondidas en junio.",
        created_at: "2025-07-18T14:10:00Z",
      },
      {
        milestone_id: milestoneId("C-06", 4),
        author_id: unitHead,
        body: "La documentación de la API está lista; falta la prueba de carga con el proveedor de alojamiento.",
        created_at: "2025-11-20T12:45:00Z",
      },
    ])
    .execute();
}

// --- organisation: global rows, reused when present ---------------------------------------------

async function ensureUnits(trx: Trx): Promise<Map<string, number>> {
  const existing = await trx
    .selectFrom("units")
    .select(["id", "code"])
    .where("code", "in", UNITS.map((u) => u.code))
    .execute();
  const ids = idsByCode(existing);
  // Parents first, so each child finds its parent's id; the tree is two levels deep.
  for (const level of [UNITS.filter((u) => u.parent === null), UNITS.filter((u) => u.parent !== null)]) {
    const missing = level.filter((u) => !ids.has(u.code));
    if (missing.length === 0) continue;
    const rows = await trx
      .insertInto("units")
      .values(missing.map((u) => ({ code: u.code, name: u.name, kind: u.kind, parent_id: u.parent ? ids.get(u.parent)! : null })))
      .returning(["id", "code"])
      .execute();
    for (const row of rows) ids.set(row.code, row.id);
  }
  return ids;
}

async function ensureUsers(trx: Trx, passwordHash: string): Promise<Map<string, number>> {
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  const existing = await trx
    .selectFrom("users")
    .select(["id", "email"])
    .where((eb) => eb(eb.fn("lower", ["email"]), "in", emails))
    .execute();
  const ids = new Map(existing.map((u) => [u.email.toLowerCase(), u.id]));
  // An existing account keeps its password and role: the seed must never reset a real login.
  const missing = DEMO_ACCOUNTS.filter((a) => !ids.has(a.email));
  if (missing.length > 0) {
    const rows = await trx
      .insertInto("users")
      .values(
        missing.map((a) => ({
          email: a.email,
          name: a.name,
          role: a.role,
          password_hash: passwordHash,
          password_changed_at: new Date(),
        })),
      )
      .returning(["id", "email"])
      .execute();
    for (const row of rows) ids.set(row.email, row.id);
  }
  return ids;
}

// --- generated series: targets and measurements -------------------------------------------------

interface SeriesTarget {
  key: string;
  value: number;
}

interface SeriesMeasurement {
  key: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  valueWomen: number | null;
  valueMen: number | null;
  comment: string | null;
  evidenceUrl: string | null;
  state: MeasurementState;
  reviewNote: string | null;
  reportedAt: Date;
  submittedAt: Date | null;
  reviewedAt: Date | null;
}

const VERSION_BY_STATE = { draft: 1, submitted: 2, approved: 3, returned: 3 } as const;

const GENERIC_RETURN_NOTE = "Revisar el valor informado: no coincide con el medio de verificación adjunto.";

/**
 * Targets for 2024–2026 and measurements for 2024–2025 of one indicator. Deterministic: the
 * random draw is seeded by the indicator's code, so adding an indicator does not change the others.
 */
export function buildSeries(
  ind: DemoIndicator,
  index: number,
  periods: PeriodSpec[],
): { targets: SeriesTarget[]; measurements: SeriesMeasurement[] } {
  const rng = mulberry32(hashString(ind.code));
  const draw = (spread: number) => 1 + spread * (2 * rng() - 1);
  const noise = ind.noise ?? 0.06;
  const isPercent = ind.kind === "ratio" || ind.unitOfMeasure === "%";
  const targetDecimals = ind.kind === "ratio" ? 1 : (ind.decimals ?? 0);

  const targets: SeriesTarget[] = periods
    .filter((p) => TARGET_YEARS.includes(p.year))
    .map((p) => ({ key: p.key, value: periodTarget(ind, p, targetDecimals) }));
  const targetOf = new Map(targets.map((t) => [t.key, t.value]));

  const measured = periods.filter((p) => MEASURED_YEARS.includes(p.year));
  const open = measured.filter((p) => p.endDate > LAST_CLOSED_DAY);
  const latestOpen = open[open.length - 1]?.key;

  const measurements: SeriesMeasurement[] = [];
  let previousValue = -Infinity;
  let previousNumerator = -Infinity;
  for (const period of measured) {
    const override = overrideFor(ind.code, period.key);
    const closed = period.endDate <= LAST_CLOSED_DAY;
    const stateDraw = rng();
    // Every fourth indicator has not reported its latest period yet.
    if (!closed && !override && period.key === latestOpen && index % 4 === 1) continue;

    const target = targetOf.get(period.key)!;
    const performance = ind.performance * draw(noise);
    let ideal = ind.direction === "increase" ? target * performance : target / performance;
    if (isPercent) ideal = Math.min(ideal, 100);
    ideal = Math.max(ideal, 0);

    let numerator: number | null = null;
    let denominator: number | null = null;
    let value: number | null;
    if (ind.kind === "ratio") {
      const base = ind.denominator ?? 100;
      denominator = ind.fixedDenominator ? base : Math.max(1, Math.round(base * draw(0.15)));
      numerator = Math.min(denominator, Math.round((denominator * ideal) / 100));
      if (ind.cumulative) numerator = Math.max(numerator, previousNumerator);
      previousNumerator = numerator;
      if (override?.zeroDenominator) {
        numerator = 0;
        denominator = 0;
      }
      value = denominator === 0 ? null : round(((numerator / denominator) * 100), 4);
    } else {
      value = round(ideal, ind.decimals ?? 0);
      if (ind.cumulative) value = Math.max(value, previousValue);
      previousValue = value;
    }

    let valueWomen: number | null = null;
    let valueMen: number | null = null;
    if (ind.sexDisaggregated && value !== null) {
      if (ind.womenShare !== undefined) {
        // Counts: the two parts add up to the total.
        valueWomen = Math.round(value * (ind.womenShare + 0.05 * (2 * rng() - 1)));
        valueMen = value - valueWomen;
      } else {
        // Percentages: women a few points above the total, men so that the 55/45 mix gives it back.
        const womenShare = 0.55;
        valueWomen = round(Math.min(100, value + 1 + 4 * rng()), 1);
        valueMen = round(clamp((value - womenShare * valueWomen) / (1 - womenShare), 0, 100), 1);
      }
    }

    const state: MeasurementState = override?.state ?? (closed ? "approved" : openState(period.key === latestOpen, stateDraw));
    const reportedAt = timestamp(period.endDate, 3 + Math.floor(rng() * 8), 13, rng());
    const submittedAt = state === "draft" ? null : later(reportedAt, Math.floor(rng() * 2), 2);
    const reviewedAt =
      state === "approved" || state === "returned" ? later(submittedAt!, 2 + Math.floor(rng() * 6), 3) : null;
    const withEvidence = state === "draft" ? rng() < 0.4 : rng() < 0.9;
    const shortfall = ind.performance < 0.85 && rng() < 0.3;

    measurements.push({
      key: period.key,
      numerator,
      denominator,
      value,
      valueWomen,
      valueMen,
      comment: override?.comment ?? (shortfall ? SHORTFALL_COMMENTS[Math.floor(rng() * SHORTFALL_COMMENTS.length)] : null),
      evidenceUrl: withEvidence
        ? `${EVIDENCE_BASE}/verificadores/${period.year}/${ind.code.replace(".", "-")}_${period.key}.pdf`
        : null,
      state,
      reviewNote: state === "returned" ? (override?.reviewNote ?? GENERIC_RETURN_NOTE) : null,
      reportedAt,
      submittedAt,
      reviewedAt,
    });
  }
  return { targets, measurements };
}

function overrideFor(code: string, periodKey: string): MeasurementOverride | undefined {
  return MEASUREMENT_OVERRIDES[`${code}|${periodKey}`];
}

/** Reporting in open periods: the latest one is still mostly drafts, earlier ones mostly sent. */
function openState(latest: boolean, r: number): "draft" | "submitted" | "returned" {
  if (latest) return r < 0.45 ? "draft" : "submitted";
  if (r < 0.1) return "returned";
  return r < 0.25 ? "draft" : "submitted";
}

function periodTarget(ind: DemoIndicator, period: PeriodSpec, decimals: number): number {
  const yearIndex = period.year - TARGET_YEARS[0];
  const yearEnd = ind.targets[yearIndex];
  if (!ind.cumulative) return yearEnd;
  // A stock ramps from last year's end (the baseline in the first year) to this year's target.
  const from = yearIndex === 0 ? ind.baseline : ind.targets[yearIndex - 1];
  const share = period.number / PERIODS_PER_YEAR[ind.periodicity];
  return round(from + (yearEnd - from) * share, decimals);
}

// --- small helpers ------------------------------------------------------------------------------

function idsByCode(rows: { id: number; code: string }[]): Map<string, number> {
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** 1-based position of an item among its siblings (same parent key), in data order. */
function positionWithin<T>(items: T[], item: T, parentOf: (x: T) => string): number {
  return items.filter((x) => parentOf(x) === parentOf(item)).indexOf(item) + 1;
}

async function inChunks<T, R>(rows: T[], run: (chunk: T[]) => Promise<R[]>, size = 500): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += size) out.push(...(await run(rows.slice(i, i + size))));
  return out;
}

/** A moment `days` after an ISO date, at `hourUtc` plus a fraction of an hour; never after DEMO_NOW. */
function timestamp(isoDate: string, days: number, hourUtc: number, fraction = 0): Date {
  const ms = Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS + (hourUtc + fraction) * 3_600_000;
  return new Date(Math.min(Math.round(ms / 60_000) * 60_000, DEMO_NOW));
}

function later(from: Date, days: number, hours: number): Date {
  return new Date(Math.min(from.getTime() + days * DAY_MS + hours * 3_600_000, DEMO_NOW));
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** FNV-1a: a stable 32-bit seed from a string. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A tiny seeded PRNG (mulberry32): the demo must come out the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
