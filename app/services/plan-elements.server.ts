import type { Transaction } from "kysely";
import {
  axisCodeExists,
  countAxisTags,
  countObjectiveIndicators,
  countPillarDependents,
  deleteAxis as deleteAxisRow,
  deleteObjective as deleteObjectiveRow,
  deletePillar as deletePillarRow,
  existingPlanAxisIds,
  findAxis,
  findObjective,
  findPillar,
  findPlanDetails,
  insertAxis,
  insertObjective,
  insertPillar,
  listOtherObjectiveWeights,
  listOtherPillarWeights,
  listPillars,
  listPlanAxes,
  objectiveCodeExists,
  pillarCodeExists,
  replaceObjectiveAxes,
  setObjectiveArchived,
  updateAxis as updateAxisRow,
  updateObjective as updateObjectiveRow,
  updatePillar as updatePillarRow,
} from "../../db/queries/plan-structure";
import { listUnits } from "../../db/queries/units";
import { existingUnitIds } from "../../db/queries/users";
import type { Database } from "../../db/schema";
import {
  AXIS_FIELD_LABELS,
  axisSchema,
  OBJECTIVE_FIELD_LABELS,
  objectiveSchema,
  PILLAR_FIELD_LABELS,
  pillarSchema,
  type AxisInput,
  type ObjectiveInput,
  type PillarInput,
} from "../domain/schemas/plan-structure";
import { parseInput } from "../domain/validation";
import { siblingWeightsProblem } from "../domain/weights";
import { recordAudit } from "./audit.server";
import { requireCapability, type ServiceContext } from "./context.server";
import { ConflictError, NotFoundError, ValidationError } from "./errors";
import { parseOrThrow, plural, resolvePlan, withUniqueCode } from "./plan-structure.server";

/**
 * Pillars, cross-cutting axes and strategic objectives of a plan (planners and admins). Each
 * write checks its rules inside its transaction, so a refused write changes nothing.
 */

type Trx = Transaction<Database>;

const DUPLICATE_CODE = { field: "code", message: "Código: ya existe en este plan" };

async function lockPlan(trx: Trx, planId: number) {
  // Locking the plan row serialises sibling-weight and code checks of concurrent writers.
  const plan = await findPlanDetails(trx, planId, { forUpdate: true });
  if (!plan) throw new NotFoundError("El plan no existe.");
  return plan;
}

function assertWeights(weights: number[], siblings: string, label: string) {
  const problem = siblingWeightsProblem(weights, siblings);
  if (problem) throw new ValidationError([{ field: "weight", message: `${label}: ${problem}` }]);
}

const joinAnd = (parts: string[]) =>
  parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} y ${parts[parts.length - 1]}`;

// --- pillars ---------------------------------------------------------------------------------

const pillarRow = (data: PillarInput) => ({
  code: data.code,
  name: data.name,
  action_line: data.actionLine,
  governance: data.governance,
  description: data.description,
  weight: data.weight,
  color: data.color,
});

/** The pillar form: an existing pillar (with what hangs from it), or a blank one for the plan. */
export async function getPillarEditor(ctx: ServiceContext, id: number | null, planId: number | null) {
  requireCapability(ctx, "plan.edit");
  if (id == null) return { plan: await resolvePlan(ctx, planId), pillar: null, dependents: null };
  const pillar = await findPillar(ctx.db, id);
  if (!pillar) throw new NotFoundError("El pilar no existe.");
  const [plan, dependents] = await Promise.all([resolvePlan(ctx, pillar.plan_id), countPillarDependents(ctx.db, id)]);
  return { plan, pillar, dependents };
}

export async function createPillar(ctx: ServiceContext, planId: number, input: unknown) {
  requireCapability(ctx, "plan.edit");
  const data = parseOrThrow(parseInput(pillarSchema, input, PILLAR_FIELD_LABELS));
  return withUniqueCode(
    () =>
      ctx.db.transaction().execute(async (trx) => {
        await lockPlan(trx, planId);
        if (await pillarCodeExists(trx, planId, data.code)) throw new ValidationError([DUPLICATE_CODE]);
        assertWeights([...(await listOtherPillarWeights(trx, planId)), data.weight], "los pilares del plan", PILLAR_FIELD_LABELS.weight);
        const row = pillarRow(data);
        const id = await insertPillar(trx, planId, row);
        await recordAudit(trx, ctx, { action: "pillar.create", entityType: "pillar", entityId: id, after: { plan_id: planId, ...row } });
        return id;
      }),
    DUPLICATE_CODE,
  );
}

export async function updatePillar(ctx: ServiceContext, id: number, input: unknown) {
  requireCapability(ctx, "plan.edit");
  const data = parseOrThrow(parseInput(pillarSchema, input, PILLAR_FIELD_LABELS));
  await withUniqueCode(
    () =>
      ctx.db.transaction().execute(async (trx) => {
        const current = await findPillar(trx, id);
        if (!current) throw new NotFoundError("El pilar no existe.");
        await lockPlan(trx, current.plan_id);
        const before = await findPillar(trx, id, { forUpdate: true });
        if (!before) throw new NotFoundError("El pilar no existe.");
        if (await pillarCodeExists(trx, before.plan_id, data.code, id)) throw new ValidationError([DUPLICATE_CODE]);
        assertWeights(
          [...(await listOtherPillarWeights(trx, before.plan_id, id)), data.weight],
          "los pilares del plan",
          PILLAR_FIELD_LABELS.weight,
        );
        const after = pillarRow(data);
        await updatePillarRow(trx, id, after);
        await recordAudit(trx, ctx, { action: "pillar.update", entityType: "pillar", entityId: id, before: pillarAudit(before), after });
      }),
    DUPLICATE_CODE,
  );
}

const pillarAudit = (pillar: NonNullable<Awaited<ReturnType<typeof findPillar>>>) => ({
  code: pillar.code,
  name: pillar.name,
  action_line: pillar.action_line,
  governance: pillar.governance,
  description: pillar.description,
  weight: pillar.weight,
  color: pillar.color,
});

/** A pillar goes only when nothing hangs from it: its objectives and commitments must go first. */
export async function deletePillar(ctx: ServiceContext, id: number) {
  requireCapability(ctx, "plan.edit");
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findPillar(trx, id, { forUpdate: true });
    if (!before) throw new NotFoundError("El pilar no existe.");
    const { objectives, commitments } = await countPillarDependents(trx, id);
    if (objectives + commitments > 0) {
      const what = joinAnd(
        [
          objectives > 0 ? plural(objectives, "objetivo", "objetivos") : "",
          commitments > 0 ? plural(commitments, "compromiso", "compromisos") : "",
        ].filter(Boolean),
      );
      throw new ConflictError(
        `El pilar «${before.name}» tiene ${what}; no se puede eliminar. Trasládelos a otro pilar o elimínelos primero.`,
      );
    }
    await deletePillarRow(trx, id);
    await recordAudit(trx, ctx, {
      action: "pillar.delete",
      entityType: "pillar",
      entityId: id,
      before: { plan_id: before.plan_id, ...pillarAudit(before) },
    });
  });
}

// --- axes ------------------------------------------------------------------------------------

const axisRow = (data: AxisInput) => ({ code: data.code, name: data.name, description: data.description, color: data.color });

export async function getAxisEditor(ctx: ServiceContext, id: number | null, planId: number | null) {
  requireCapability(ctx, "plan.edit");
  if (id == null) return { plan: await resolvePlan(ctx, planId), axis: null, tags: null };
  const axis = await findAxis(ctx.db, id);
  if (!axis) throw new NotFoundError("El eje transversal no existe.");
  const [plan, tags] = await Promise.all([resolvePlan(ctx, axis.plan_id), countAxisTags(ctx.db, id)]);
  return { plan, axis, tags };
}

export async function createAxis(ctx: ServiceContext, planId: number, input: unknown) {
  requireCapability(ctx, "plan.edit");
  const data = parseOrThrow(parseInput(axisSchema, input, AXIS_FIELD_LABELS));
  return withUniqueCode(
    () =>
      ctx.db.transaction().execute(async (trx) => {
        await lockPlan(trx, planId);
        if (await axisCodeExists(trx, planId, data.code)) throw new ValidationError([DUPLICATE_CODE]);
        const row = axisRow(data);
        const id = await insertAxis(trx, planId, row);
        await recordAudit(trx, ctx, { action: "axis.create", entityType: "axis", entityId: id, after: { plan_id: planId, ...row } });
        return id;
      }),
    DUPLICATE_CODE,
  );
}

export async function updateAxis(ctx: ServiceContext, id: number, input: unknown) {
  requireCapability(ctx, "plan.edit");
  const data = parseOrThrow(parseInput(axisSchema, input, AXIS_FIELD_LABELS));
  await withUniqueCode(
    () =>
      ctx.db.transaction().execute(async (trx) => {
        const before = await findAxis(trx, id, { forUpdate: true });
        if (!before) throw new NotFoundError("El eje transversal no existe.");
        if (await axisCodeExists(trx, before.plan_id, data.code, id)) throw new ValidationError([DUPLICATE_CODE]);
        const after = axisRow(data);
        await updateAxisRow(trx, id, after);
        await recordAudit(trx, ctx, {
          action: "axis.update",
          entityType: "axis",
          entityId: id,
          before: { code: before.code, name: before.name, description: before.description, color: before.color },
          after,
        });
      }),
    DUPLICATE_CODE,
  );
}

/**
 * The join tables would cascade, silently untagging objectives, indicators and commitments
 * (and changing axis scores): an axis in use is refused instead, saying where it is used.
 */
export async function deleteAxis(ctx: ServiceContext, id: number) {
  requireCapability(ctx, "plan.edit");
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findAxis(trx, id, { forUpdate: true });
    if (!before) throw new NotFoundError("El eje transversal no existe.");
    const tags = await countAxisTags(trx, id);
    if (tags.objectives + tags.indicators + tags.commitments > 0) {
      const what = joinAnd(
        [
          tags.objectives > 0 ? plural(tags.objectives, "objetivo", "objetivos") : "",
          tags.indicators > 0 ? plural(tags.indicators, "indicador", "indicadores") : "",
          tags.commitments > 0 ? plural(tags.commitments, "compromiso", "compromisos") : "",
        ].filter(Boolean),
      );
      throw new ConflictError(`El eje «${before.name}» está asignado a ${what}; quíteselo a cada uno antes de eliminarlo.`);
    }
    await deleteAxisRow(trx, id);
    await recordAudit(trx, ctx, {
      action: "axis.delete",
      entityType: "axis",
      entityId: id,
      before: { plan_id: before.plan_id, code: before.code, name: before.name, description: before.description, color: before.color },
    });
  });
}

// --- objectives ------------------------------------------------------------------------------

/** The objective form: the objective (or a blank one), and the plan's pillars, axes and units. */
export async function getObjectiveEditor(ctx: ServiceContext, id: number | null, planId: number | null) {
  requireCapability(ctx, "plan.edit");
  const objective = id == null ? null : await findObjective(ctx.db, id);
  if (id != null && !objective) throw new NotFoundError("El objetivo no existe.");
  const plan = await resolvePlan(ctx, objective?.plan_id ?? planId);
  const [pillars, axes, units, indicatorCount] = await Promise.all([
    listPillars(ctx.db, plan.id),
    listPlanAxes(ctx.db, plan.id),
    listUnits(ctx.db),
    id == null ? Promise.resolve(0) : countObjectiveIndicators(ctx.db, id),
  ]);
  return { plan, objective, pillars, axes, units, indicatorCount };
}

const objectiveRow = (data: ObjectiveInput) => ({
  pillar_id: data.pillarId,
  code: data.code,
  title: data.title,
  description: data.description,
  weight: data.weight,
  owner_unit_id: data.ownerUnitId,
});

/** Pillar, unit and axes must exist and belong to the plan; codes are unique per plan. */
async function checkObjective(trx: Trx, planId: number, data: ObjectiveInput, exceptId?: number) {
  const pillar = await findPillar(trx, data.pillarId);
  if (!pillar || pillar.plan_id !== planId) {
    throw new ValidationError([{ field: "pillarId", message: "Pilar: no pertenece a este plan" }]);
  }
  if (await objectiveCodeExists(trx, planId, data.code, exceptId)) throw new ValidationError([DUPLICATE_CODE]);
  if (data.ownerUnitId != null && (await existingUnitIds(trx, [data.ownerUnitId])).length === 0) {
    throw new ValidationError([{ field: "ownerUnitId", message: "Unidad responsable: no existe" }]);
  }
  if ((await existingPlanAxisIds(trx, planId, data.axisIds)).length !== data.axisIds.length) {
    throw new ValidationError([{ field: "axisIds", message: "Ejes transversales: alguno de los ejes elegidos no es de este plan" }]);
  }
}

export async function createObjective(ctx: ServiceContext, planId: number, input: unknown) {
  requireCapability(ctx, "plan.edit");
  const data = parseOrThrow(parseInput(objectiveSchema, input, OBJECTIVE_FIELD_LABELS));
  return withUniqueCode(
    () =>
      ctx.db.transaction().execute(async (trx) => {
        await lockPlan(trx, planId);
        await checkObjective(trx, planId, data);
        assertWeights(
          [...(await listOtherObjectiveWeights(trx, data.pillarId)), data.weight],
          "los objetivos del pilar",
          OBJECTIVE_FIELD_LABELS.weight,
        );
        const row = objectiveRow(data);
        const id = await insertObjective(trx, planId, row);
        await replaceObjectiveAxes(trx, id, data.axisIds);
        await recordAudit(trx, ctx, {
          action: "objective.create",
          entityType: "objective",
          entityId: id,
          after: { plan_id: planId, ...row, axis_ids: data.axisIds },
        });
        return id;
      }),
    DUPLICATE_CODE,
  );
}

const objectiveAudit = (objective: NonNullable<Awaited<ReturnType<typeof findObjective>>>) => ({
  pillar_id: objective.pillar_id,
  code: objective.code,
  title: objective.title,
  description: objective.description,
  weight: objective.weight,
  owner_unit_id: objective.owner_unit_id,
  axis_ids: objective.axis_ids,
});

export async function updateObjective(ctx: ServiceContext, id: number, input: unknown) {
  requireCapability(ctx, "plan.edit");
  const data = parseOrThrow(parseInput(objectiveSchema, input, OBJECTIVE_FIELD_LABELS));
  await withUniqueCode(
    () =>
      ctx.db.transaction().execute(async (trx) => {
        const current = await findObjective(trx, id);
        if (!current) throw new NotFoundError("El objetivo no existe.");
        await lockPlan(trx, current.plan_id);
        const before = await findObjective(trx, id, { forUpdate: true });
        if (!before) throw new NotFoundError("El objetivo no existe.");
        await checkObjective(trx, before.plan_id, data, id);
        // An archived objective's weight counts for nothing, so it cannot break its pillar's set.
        if (before.archived_at == null) {
          assertWeights(
            [...(await listOtherObjectiveWeights(trx, data.pillarId, id)), data.weight],
            "los objetivos del pilar",
            OBJECTIVE_FIELD_LABELS.weight,
          );
        }
        const row = objectiveRow(data);
        await updateObjectiveRow(trx, id, row);
        await replaceObjectiveAxes(trx, id, data.axisIds);
        await recordAudit(trx, ctx, {
          action: "objective.update",
          entityType: "objective",
          entityId: id,
          before: objectiveAudit(before),
          after: { ...row, axis_ids: data.axisIds },
        });
      }),
    DUPLICATE_CODE,
  );
}

/** Archiving keeps the objective and its history but takes it out of the plan's rollups. */
export async function setObjectiveArchive(ctx: ServiceContext, id: number, archived: boolean) {
  requireCapability(ctx, "plan.edit");
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findObjective(trx, id, { forUpdate: true });
    if (!before) throw new NotFoundError("El objetivo no existe.");
    if ((before.archived_at != null) === archived) {
      throw new ConflictError(archived ? "El objetivo ya está archivado." : "El objetivo no está archivado.");
    }
    await setObjectiveArchived(trx, id, archived);
    await recordAudit(trx, ctx, {
      action: archived ? "objective.archive" : "objective.unarchive",
      entityType: "objective",
      entityId: id,
      before: { archived_at: before.archived_at },
      after: { archived: archived },
    });
  });
}

/** Only an objective without indicators can go; one with history is archived instead. */
export async function deleteObjective(ctx: ServiceContext, id: number) {
  requireCapability(ctx, "plan.edit");
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findObjective(trx, id, { forUpdate: true });
    if (!before) throw new NotFoundError("El objetivo no existe.");
    const indicators = await countObjectiveIndicators(trx, id);
    if (indicators > 0) {
      throw new ConflictError(
        `El objetivo tiene ${plural(indicators, "indicador", "indicadores")}; archívelo en lugar de eliminarlo.`,
      );
    }
    await deleteObjectiveRow(trx, id);
    await recordAudit(trx, ctx, {
      action: "objective.delete",
      entityType: "objective",
      entityId: id,
      before: { plan_id: before.plan_id, ...objectiveAudit(before) },
    });
  });
}
