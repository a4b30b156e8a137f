import type { Kysely, Transaction } from "kysely";
import { listPeriodOverview, type PeriodOverviewRow } from "../../db/queries/periods";
import { insertPlanPeriods } from "../../db/queries/plan-structure";
import { findPeriod, setPeriodStatus } from "../../db/queries/reporting";
import type { Database, Periodicity } from "../../db/schema";
import { periodLabel, PERIODICITY_LABELS, PERIODICITY_ORDER } from "../domain/period-labels";
import { ALL_PERIODICITIES, PERIODS_PER_YEAR } from "../domain/periods";
import { hasCapability } from "../domain/permissions";
import { recordAudit } from "./audit.server";
import { requireCapability, type ServiceContext } from "./context.server";
import { requireCurrentPlan } from "./current-plan.server";
import { ConflictError, NotFoundError } from "./errors";

type Executor = Kysely<Database> | Transaction<Database>;

export interface PlanYears {
  id: number;
  start_year: number;
  end_year: number;
}

const PERIODS_PER_PLAN_YEAR = ALL_PERIODICITIES.reduce((sum, periodicity) => sum + PERIODS_PER_YEAR[periodicity], 0);

function isServiceContext(value: ServiceContext | Executor): value is ServiceContext {
  return "actor" in value && "requestId" in value;
}

/**
 * Creates the periods a plan is missing (new ones open), leaving existing ones as they are;
 * returns how many it created. Given a transaction, it only writes: the caller (plan creation,
 * an import) owns the permission check and the audit. Given a service context, it checks
 * 'period.manage' and audits what it created, in its own transaction.
 */
export async function ensurePlanPeriods(target: ServiceContext | Executor, plan: PlanYears): Promise<number> {
  if (!isServiceContext(target)) return insertPlanPeriods(target, plan.id, plan.start_year, plan.end_year);
  const ctx = target;
  requireCapability(ctx, "period.manage");
  return ctx.db.transaction().execute(async (trx) => {
    const created = await insertPlanPeriods(trx, plan.id, plan.start_year, plan.end_year);
    if (created > 0) {
      await recordAudit(trx, ctx, {
        action: "period.generate",
        entityType: "plan",
        entityId: plan.id,
        after: { created, startYear: plan.start_year, endYear: plan.end_year },
      });
    }
    return created;
  });
}

/** The current plan's missing periods, for the "generar periodos faltantes" button. */
export async function fillCurrentPlanPeriods(ctx: ServiceContext): Promise<number> {
  requireCapability(ctx, "period.manage");
  const plan = await requireCurrentPlan(ctx);
  return ensurePlanPeriods(ctx, plan);
}

/** Year and day in Santiago: the plan's calendar, whatever the server's time zone. */
export function santiagoToday(now: Date): { year: number; isoDate: string } {
  const isoDate = new Intl.DateTimeFormat("en-CA", {
    timeZone: "America/Santiago",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
  return { year: Number(isoDate.slice(0, 4)), isoDate };
}

export interface PeriodView {
  id: number;
  key: string;
  label: string;
  periodicity: Periodicity;
  startDate: string;
  endDate: string;
  status: "open" | "closed";
  closedAt: Date | null;
  closedByName: string | null;
  counts: { draft: number; submitted: number; approved: number; returned: number; missing: number };
  /** Indicators of this periodicity in the plan (reported or not). */
  indicatorCount: number;
}

function toView(row: PeriodOverviewRow): PeriodView {
  const counts = {
    draft: row.draft_count,
    submitted: row.submitted_count,
    approved: row.approved_count,
    returned: row.returned_count,
    missing: row.missing_count ?? 0,
  };
  return {
    id: row.id,
    key: row.key,
    label: periodLabel(row.periodicity, row.year, row.number),
    periodicity: row.periodicity,
    startDate: row.start_date,
    endDate: row.end_date,
    status: row.status,
    closedAt: row.closed_at,
    closedByName: row.closed_by_name,
    counts,
    indicatorCount: counts.draft + counts.submitted + counts.approved + counts.returned + counts.missing,
  };
}

/**
 * The periods page: one year of the current plan, grouped by periodicity. Without a valid
 * year asked for, the current year when the plan covers it, else the plan's last year.
 */
export async function getPeriodsPage(ctx: ServiceContext, options: { year?: string | null; now?: Date } = {}) {
  requireCapability(ctx, "plan.read");
  const plan = await requireCurrentPlan(ctx);
  const years: number[] = [];
  for (let year = plan.start_year; year <= plan.end_year; year++) years.push(year);
  const today = santiagoToday(options.now ?? new Date());
  const asked = options.year && /^\d{4}$/.test(options.year) ? Number(options.year) : null;
  const fallback = years.includes(today.year) ? today.year : plan.end_year;
  const year = asked != null && years.includes(asked) ? asked : fallback;

  const rows = await listPeriodOverview(ctx.db, plan.id, { year });
  const periods = rows.map(toView);
  return {
    plan: { id: plan.id, name: plan.name },
    years,
    year,
    today: today.isoDate,
    canManage: hasCapability(ctx.actor.role, "period.manage"),
    /** Periods this year should have and does not: the plan's years changed, or an import left gaps. */
    missingPeriodCount: Math.max(0, PERIODS_PER_PLAN_YEAR - periods.length),
    groups: PERIODICITY_ORDER.map((periodicity) => ({
      periodicity,
      label: PERIODICITY_LABELS[periodicity],
      periods: periods.filter((period) => period.periodicity === periodicity),
    })),
  };
}

/**
 * What the confirmation step shows before closing or reopening: the period and what is still
 * pending in it. Refuses, as the change itself would, a role without 'period.manage' or a
 * period already in the asked state.
 */
export async function previewPeriodChange(ctx: ServiceContext, periodId: number, open: boolean) {
  requireCapability(ctx, "period.manage");
  const plan = await requireCurrentPlan(ctx);
  const [row] = await listPeriodOverview(ctx.db, plan.id, { periodId });
  if (!row) throw new NotFoundError("El periodo no existe en este plan.");
  const period = toView(row);
  if (period.status === (open ? "open" : "closed")) {
    throw new ConflictError(`El periodo ${period.label} ya está ${open ? "abierto" : "cerrado"}.`);
  }
  return { ...period, endsAfterToday: period.endDate > santiagoToday(new Date()).isoDate };
}

/** Opens or closes a reporting period; a closed period refuses reports (see permissions). */
export async function setPeriodOpen(ctx: ServiceContext, periodId: number, open: boolean) {
  requireCapability(ctx, "period.manage");
  return ctx.db.transaction().execute(async (trx) => {
    const period = await findPeriod(trx, periodId);
    if (!period) throw new NotFoundError("El periodo no existe.");
    const label = periodLabel(period.periodicity, period.year, period.number);
    const status = open ? "open" : "closed";
    if (period.status === status) {
      throw new ConflictError(`El periodo ${label} ya está ${open ? "abierto" : "cerrado"}.`);
    }
    await setPeriodStatus(trx, periodId, status, ctx.actor.id);
    await recordAudit(trx, ctx, {
      action: open ? "period.open" : "period.close",
      entityType: "period",
      entityId: periodId,
      before: { key: period.key, status: period.status, closed_at: period.closed_at, closed_by: period.closed_by },
      after: { key: period.key, status },
    });
    return { key: period.key, label, status };
  });
}
