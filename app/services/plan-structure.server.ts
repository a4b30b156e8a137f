import {
  deleteDefinition as deleteDefinitionRow,
  deletePeriodsOutsideYears,
  findDefinition,
  findOtherActivePlan,
  findPlanDetails,
  insertDefinition,
  insertPlan,
  insertPlanPeriods,
  listDefinitions,
  listObjectivesOverview,
  listPillars,
  listPlanAxes,
  listPlanDetails,
  lockDefinitionOrder,
  planCodeExists,
  setDefinitionOrder,
  summarizePeriodsOutsideYears,
  updateDefinition as updateDefinitionRow,
  updatePlan,
} from "../../db/queries/plan-structure";
import { findCurrentPlan } from "../../db/queries/plans";
import { hasCapability } from "../domain/permissions";
import {
  DEFAULT_GREEN_THRESHOLD,
  DEFAULT_SCORE_CAP,
  DEFAULT_YELLOW_THRESHOLD,
  DEFINITION_FIELD_LABELS,
  definitionSchema,
  PLAN_FIELD_LABELS,
  planCreateSchema,
  planSettingsSchema,
} from "../domain/schemas/plan-structure";
import { parseInput } from "../domain/validation";
import { recordAudit } from "./audit.server";
import { requireCapability, type ServiceContext } from "./context.server";
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from "./errors";

/**
 * The plan and its strategic definitions: the /plan overview, creating a plan (with its
 * reporting periods), its settings, and the mission / vision / values texts.
 * Pillars, axes and objectives live in plan-elements.server.ts.
 */

export function parseOrThrow<T>(result: ReturnType<typeof parseInput<T>>): T {
  if (!result.ok) throw new ValidationError(result.issues);
  return result.data;
}

/** A unique index fired between our check and the insert (two planners at once): same message. */
export async function withUniqueCode<T>(run: () => Promise<T>, issue: FieldIssue): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505") {
      throw new ValidationError([issue]);
    }
    throw error;
  }
}

export const plural = (n: number, one: string, many: string) => `${n.toLocaleString("es-CL")} ${n === 1 ? one : many}`;

/** The plan asked for by id, or the current plan (PLAN_CODE, else the first active one). */
export async function resolvePlan(ctx: Pick<ServiceContext, "db">, planId: number | null) {
  const id = planId ?? (await findCurrentPlan(ctx.db, process.env.PLAN_CODE))?.id;
  const plan = id == null ? undefined : await findPlanDetails(ctx.db, id);
  if (!plan) throw new NotFoundError(planId == null ? "Aún no hay un plan activo." : "El plan no existe.");
  return plan;
}

// --- the overview ----------------------------------------------------------------------------

/**
 * Everything /plan shows, in two rounds of queries whatever the plan's size: which plan,
 * then one query per section (definitions, pillars, axes, objectives with their counts).
 */
export async function getPlanPage(ctx: ServiceContext, planId: number | null) {
  requireCapability(ctx, "plan.read");
  const canEdit = hasCapability(ctx.actor.role, "plan.edit");
  const [current, plans] = await Promise.all([
    planId == null ? findCurrentPlan(ctx.db, process.env.PLAN_CODE) : Promise.resolve(undefined),
    listPlanDetails(ctx.db),
  ]);
  const wantedId = planId ?? current?.id;
  const plan = plans.find((candidate) => candidate.id === wantedId) ?? null;
  if (planId != null && !plan) throw new NotFoundError("El plan no existe.");
  if (!plan) return { canEdit, plans, plan: null, definitions: [], pillars: [], axes: [], objectives: [] };
  const [definitions, pillars, axes, objectives] = await Promise.all([
    listDefinitions(ctx.db, plan.id),
    listPillars(ctx.db, plan.id),
    listPlanAxes(ctx.db, plan.id),
    listObjectivesOverview(ctx.db, plan.id),
  ]);
  // Archived objectives are history: editors see them (to unarchive), readers do not.
  const shown = canEdit ? objectives : objectives.filter((objective) => objective.archived_at == null);
  return { canEdit, plans, plan, definitions, pillars, axes, objectives: shown };
}

// --- creating a plan and its settings --------------------------------------------------------

export function newPlanDefaults(ctx: ServiceContext) {
  requireCapability(ctx, "plan.edit");
  const year = new Date().getFullYear();
  return {
    startYear: year,
    endYear: year + 3,
    greenThreshold: DEFAULT_GREEN_THRESHOLD,
    yellowThreshold: DEFAULT_YELLOW_THRESHOLD,
    scoreCap: DEFAULT_SCORE_CAP,
  };
}

/**
 * Creates a plan with every reporting period of its years, all open, in one transaction. It
 * starts active when no other plan is, so a first plan is at once the one the app shows.
 */
export async function createPlan(ctx: ServiceContext, input: unknown) {
  requireCapability(ctx, "plan.edit");
  const data = parseOrThrow(parseInput(planCreateSchema, input, PLAN_FIELD_LABELS));
  const duplicate = { field: "code", message: "Código: ya existe un plan con ese código" };
  return withUniqueCode(
    () =>
      ctx.db.transaction().execute(async (trx) => {
        if (await planCodeExists(trx, data.code)) throw new ValidationError([duplicate]);
        const activePlan = (await findOtherActivePlan(trx)) ?? null;
        const fields = {
          code: data.code,
          name: data.name,
          description: data.description,
          start_year: data.startYear,
          end_year: data.endYear,
          status: activePlan ? ("draft" as const) : ("active" as const),
          green_threshold: data.greenThreshold,
          yellow_threshold: data.yellowThreshold,
          score_cap: data.scoreCap,
        };
        const id = await insertPlan(trx, fields);
        const periodsCreated = await insertPlanPeriods(trx, id, data.startYear, data.endYear);
        await recordAudit(trx, ctx, {
          action: "plan.create",
          entityType: "plan",
          entityId: id,
          after: { ...fields, periods_created: periodsCreated },
        });
        return { id, status: fields.status, periodsCreated, activePlan };
      }),
    duplicate,
  );
}

export async function getPlanSettings(ctx: ServiceContext, planId: number | null) {
  requireCapability(ctx, "plan.edit");
  const [plan, plans] = await Promise.all([resolvePlan(ctx, planId), listPlanDetails(ctx.db)]);
  return { plan, plans };
}

/**
 * Name, years, status and scoring settings. Extending the years adds their periods; shrinking
 * drops the periods left outside, unless one holds a target or a measurement.
 */
export async function updatePlanSettings(ctx: ServiceContext, planId: number, input: unknown) {
  requireCapability(ctx, "plan.edit");
  const data = parseOrThrow(parseInput(planSettingsSchema, input, PLAN_FIELD_LABELS));
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findPlanDetails(trx, planId, { forUpdate: true });
    if (!before) throw new NotFoundError("El plan no existe.");
    if (data.status === "active" && before.status !== "active") {
      const other = await findOtherActivePlan(trx, planId);
      if (other) {
        throw new ValidationError([
          {
            field: "status",
            message: `Estado: ya hay un plan activo (${other.name}); archívelo o páselo a borrador antes de activar este`,
          },
        ]);
      }
    }
    const outside = await summarizePeriodsOutsideYears(trx, planId, data.startYear, data.endYear);
    const issues: FieldIssue[] = [];
    for (const field of ["startYear", "endYear"] as const) {
      const blocked = outside.filter(
        (year) => (field === "startYear" ? year.year < data.startYear : year.year > data.endYear) && year.targets + year.measurements > 0,
      );
      if (blocked.length === 0) continue;
      const what = blocked
        .map((year) => `${year.year} (${plural(year.targets, "meta", "metas")} y ${plural(year.measurements, "medición", "mediciones")})`)
        .join(", ");
      issues.push({
        field,
        message: `${PLAN_FIELD_LABELS[field]}: no se puede acortar el plan; ${blocked.length === 1 ? "el año" : "los años"} ${what} ya ${
          blocked.length === 1 ? "tiene" : "tienen"
        } datos`,
      });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    const periodsRemoved = await deletePeriodsOutsideYears(trx, planId, data.startYear, data.endYear);
    const periodsAdded = await insertPlanPeriods(trx, planId, data.startYear, data.endYear);
    const after = {
      name: data.name,
      description: data.description,
      start_year: data.startYear,
      end_year: data.endYear,
      status: data.status,
      green_threshold: data.greenThreshold,
      yellow_threshold: data.yellowThreshold,
      score_cap: data.scoreCap,
    };
    await updatePlan(trx, planId, after);
    await recordAudit(trx, ctx, {
      action: "plan.update",
      entityType: "plan",
      entityId: planId,
      before: {
        name: before.name,
        description: before.description,
        start_year: before.start_year,
        end_year: before.end_year,
        status: before.status,
        green_threshold: before.green_threshold,
        yellow_threshold: before.yellow_threshold,
        score_cap: before.score_cap,
      },
      after: { ...after, periods_added: periodsAdded, periods_removed: periodsRemoved },
    });
    return { periodsAdded, periodsRemoved };
  });
}

// --- strategic definitions -------------------------------------------------------------------

export async function getDefinitionsEditor(ctx: ServiceContext, planId: number | null) {
  requireCapability(ctx, "plan.edit");
  const plan = await resolvePlan(ctx, planId);
  const definitions = await listDefinitions(ctx.db, plan.id);
  return { plan, definitions };
}

export async function createDefinition(ctx: ServiceContext, planId: number, input: unknown) {
  requireCapability(ctx, "plan.edit");
  const data = parseOrThrow(parseInput(definitionSchema, input, DEFINITION_FIELD_LABELS));
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await findPlanDetails(trx, planId, { forUpdate: true }))) throw new NotFoundError("El plan no existe.");
    const id = await insertDefinition(trx, planId, data);
    await recordAudit(trx, ctx, {
      action: "definition.create",
      entityType: "strategic_definition",
      entityId: id,
      after: { plan_id: planId, ...data },
    });
    return id;
  });
}

export async function updateDefinition(ctx: ServiceContext, id: number, input: unknown) {
  requireCapability(ctx, "plan.edit");
  const data = parseOrThrow(parseInput(definitionSchema, input, DEFINITION_FIELD_LABELS));
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findDefinition(trx, id);
    if (!before) throw new NotFoundError("La definición no existe.");
    await updateDefinitionRow(trx, id, data);
    await recordAudit(trx, ctx, {
      action: "definition.update",
      entityType: "strategic_definition",
      entityId: id,
      before: { kind: before.kind, title: before.title, body: before.body },
      after: data,
    });
  });
}

export async function deleteDefinition(ctx: ServiceContext, id: number) {
  requireCapability(ctx, "plan.edit");
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findDefinition(trx, id);
    if (!before) throw new NotFoundError("La definición no existe.");
    await deleteDefinitionRow(trx, id);
    await recordAudit(trx, ctx, { action: "definition.delete", entityType: "strategic_definition", entityId: id, before });
  });
}

/** Moves a definition one place up or down; the plan's order is renumbered 1..n. */
export async function moveDefinition(ctx: ServiceContext, id: number, direction: "up" | "down") {
  requireCapability(ctx, "plan.edit");
  await ctx.db.transaction().execute(async (trx) => {
    const definition = await findDefinition(trx, id);
    if (!definition) throw new NotFoundError("La definición no existe.");
    const order = (await lockDefinitionOrder(trx, definition.plan_id)).map((row) => row.id);
    const from = order.indexOf(id);
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= order.length) {
      throw new ConflictError(direction === "up" ? "La definición ya es la primera." : "La definición ya es la última.");
    }
    [order[from], order[to]] = [order[to], order[from]];
    await setDefinitionOrder(trx, definition.plan_id, order);
    await recordAudit(trx, ctx, {
      action: "definition.move",
      entityType: "strategic_definition",
      entityId: id,
      before: { position: from + 1 },
      after: { position: to + 1 },
    });
  });
}
