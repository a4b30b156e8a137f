import type { Transaction } from "kysely";
import {
  axisIdsInPlan,
  codeExistsInPlan,
  deleteIndicatorRow,
  findIndicatorDefinition,
  findObjectiveInPlan,
  INDICATOR_DEFINITION_KEYS,
  insertIndicator,
  listIndicatorFormChoices,
  objectiveWeightSummary,
  replaceIndicatorAxes,
  setIndicatorArchivedAt,
  unitExists,
  updateIndicatorRow,
  type IndicatorDefinition,
} from "../../db/queries/indicators";
import type { Database } from "../../db/schema";
import {
  INDICATOR_FIELD_LABELS,
  indicatorSchema,
  numberForInput,
  type IndicatorFormValues,
  type IndicatorInput,
} from "../domain/schemas/indicators";
import { parseInput } from "../domain/validation";
import { recordAudit } from "./audit.server";
import { requireCapability, type ServiceContext } from "./context.server";
import { requireCurrentPlan } from "./current-plan.server";
import { ConflictError, NotFoundError, ValidationError } from "./errors";

type Trx = Transaction<Database>;
type StoredDefinition = NonNullable<Awaited<ReturnType<typeof findIndicatorDefinition>>>;

const plural = (count: number, one: string, many: string) => `${count.toLocaleString("es-CL")} ${count === 1 ? one : many}`;

/** What the new/edit forms offer: objectives grouped by pillar, units and axes of the current plan. */
export async function getIndicatorFormChoices(ctx: ServiceContext) {
  requireCapability(ctx, "plan.edit");
  const plan = await requireCurrentPlan(ctx);
  return { plan, ...(await listIndicatorFormChoices(ctx.db, plan.id)) };
}

/** What a new indicator's form starts with; `objectiveId` preselects the objective (?objetivo=). */
export function newIndicatorFormValues(objectiveId?: string | null): IndicatorFormValues {
  return {
    code: "",
    name: "",
    description: "",
    formula: "",
    objectiveId: objectiveId && /^\d{1,10}$/.test(objectiveId) ? objectiveId : "",
    kind: "ratio",
    numeratorLabel: "",
    denominatorLabel: "",
    factor: "100",
    unitOfMeasure: "%",
    direction: "increase",
    periodicity: "quarterly",
    aggregation: "average",
    scoringMethod: "ratio",
    baselineValue: "",
    baselineYear: "",
    weight: "1",
    responsibleUnitId: "",
    dataSource: "",
    verificationMeans: "",
    axisIds: [],
    sexDisaggregated: false,
    isPublished: false,
  };
}

function toFormValues(row: StoredDefinition): IndicatorFormValues {
  return {
    code: row.code,
    name: row.name,
    description: row.description ?? "",
    formula: row.formula ?? "",
    objectiveId: String(row.objective_id),
    kind: row.kind,
    numeratorLabel: row.numerator_label ?? "",
    denominatorLabel: row.denominator_label ?? "",
    factor: numberForInput(row.factor),
    unitOfMeasure: row.unit_of_measure,
    direction: row.direction,
    periodicity: row.periodicity,
    aggregation: row.aggregation,
    scoringMethod: row.scoring_method,
    baselineValue: numberForInput(row.baseline_value),
    baselineYear: row.baseline_year == null ? "" : String(row.baseline_year),
    weight: numberForInput(row.weight),
    responsibleUnitId: String(row.responsible_unit_id),
    dataSource: row.data_source ?? "",
    verificationMeans: row.verification_means ?? "",
    axisIds: row.axis_ids.map(String),
    sexDisaggregated: row.sex_disaggregated,
    isPublished: row.is_published,
  };
}

/** An indicator's definition for its edit page, with the choices and how much data it holds. */
export async function getIndicatorForEdit(ctx: ServiceContext, id: number) {
  requireCapability(ctx, "plan.edit");
  const indicator = await findIndicatorDefinition(ctx.db, id);
  if (!indicator) throw new NotFoundError("El indicador no existe.");
  const choices = await listIndicatorFormChoices(ctx.db, indicator.plan_id);
  return {
    indicator: {
      id: indicator.id,
      code: indicator.code,
      name: indicator.name,
      archived: indicator.archived_at != null,
      targetCount: indicator.target_count,
      measurementCount: indicator.measurement_count,
      updatedAt: indicator.updated_at,
    },
    values: toFormValues(indicator),
    ...choices,
  };
}

/** The stored definition in the form's shape, so that a partial change can be laid over it. */
function toInput(row: StoredDefinition) {
  return {
    code: row.code,
    name: row.name,
    description: row.description,
    formula: row.formula,
    objectiveId: row.objective_id,
    kind: row.kind,
    numeratorLabel: row.numerator_label,
    denominatorLabel: row.denominator_label,
    factor: row.factor,
    unitOfMeasure: row.unit_of_measure,
    direction: row.direction,
    periodicity: row.periodicity,
    aggregation: row.aggregation,
    scoringMethod: row.scoring_method,
    baselineValue: row.baseline_value,
    baselineYear: row.baseline_year,
    weight: row.weight,
    responsibleUnitId: row.responsible_unit_id,
    dataSource: row.data_source,
    verificationMeans: row.verification_means,
    axisIds: row.axis_ids,
    sexDisaggregated: row.sex_disaggregated,
    isPublished: row.is_published,
  };
}

function toDefinition(data: IndicatorInput): IndicatorDefinition {
  const ratio = data.kind === "ratio";
  return {
    objective_id: data.objectiveId,
    code: data.code,
    name: data.name,
    description: data.description,
    formula: data.formula,
    kind: data.kind,
    // A value indicator has no numerator or denominator: labels left in the form are dropped.
    numerator_label: ratio ? data.numeratorLabel : null,
    denominator_label: ratio ? data.denominatorLabel : null,
    factor: data.factor,
    unit_of_measure: data.unitOfMeasure,
    direction: data.direction,
    periodicity: data.periodicity,
    aggregation: data.aggregation,
    scoring_method: data.scoringMethod,
    baseline_value: data.baselineValue,
    baseline_year: data.baselineYear,
    weight: data.weight,
    responsible_unit_id: data.responsibleUnitId,
    data_source: data.dataSource,
    verification_means: data.verificationMeans,
    sex_disaggregated: data.sexDisaggregated,
    is_published: data.isPublished,
  };
}

/** The definition as the audit trail keeps it. */
function snapshot(row: IndicatorDefinition, axisIds: readonly number[]) {
  const picked = Object.fromEntries(INDICATOR_DEFINITION_KEYS.map((key) => [key, row[key]]));
  return { ...picked, axis_ids: [...axisIds] };
}

const DUPLICATE_CODE = { field: "code", message: "Código: ya existe en este plan" };

/**
 * Parses the whole definition. When it fails, a code already taken is reported in the same
 * answer, so that the person does not fix every field only to learn the code was taken.
 */
async function parseDefinition(db: ServiceContext["db"], planId: number, input: Record<string, unknown>, selfId?: number) {
  const parsed = parseInput(indicatorSchema, input, INDICATOR_FIELD_LABELS);
  if (parsed.ok) return parsed.data;
  const code = typeof input.code === "string" ? input.code.trim() : "";
  const issues = [...parsed.issues];
  if (code && !issues.some((issue) => issue.field === "code") && (await codeExistsInPlan(db, planId, code, selfId))) {
    issues.unshift(DUPLICATE_CODE);
  }
  throw new ValidationError(issues);
}

/** Code unique in the plan, objective of the plan and in use, unit and axes that exist. */
async function checkReferences(trx: Trx, planId: number, data: IndicatorInput, selfId?: number, currentObjectiveId?: number) {
  const issues: { field: string; message: string }[] = [];
  if (await codeExistsInPlan(trx, planId, data.code, selfId)) {
    issues.push(DUPLICATE_CODE);
  }
  const objective = await findObjectiveInPlan(trx, planId, data.objectiveId);
  if (!objective) {
    issues.push({ field: "objectiveId", message: "Objetivo estratégico: no existe en este plan" });
  } else if (objective.archived_at && objective.id !== currentObjectiveId) {
    issues.push({ field: "objectiveId", message: "Objetivo estratégico: está archivado; elija uno vigente" });
  }
  if (!(await unitExists(trx, data.responsibleUnitId))) {
    issues.push({ field: "responsibleUnitId", message: "Unidad responsable: no existe" });
  }
  if ((await axisIdsInPlan(trx, planId, data.axisIds)).length !== data.axisIds.length) {
    issues.push({ field: "axisIds", message: "Ejes transversales: alguno de los ejes elegidos no es de este plan" });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

/**
 * Rollups weigh an objective's indicators: at least one in use must weigh more than zero.
 * Checked after the write, inside its transaction, so that a refusal undoes it.
 */
async function assertObjectiveWeighs(trx: Trx, objectiveId: number, refuse: () => Error) {
  const summary = await objectiveWeightSummary(trx, objectiveId);
  if (summary.count > 0 && summary.total <= 0) throw refuse();
}

const zeroWeightIssue = () =>
  new ValidationError([
    {
      field: "weight",
      message: "Ponderación: al menos un indicador vigente del objetivo debe pesar más que 0",
    },
  ]);

/** Creates an indicator in the current plan (planners and admins); returns its id. */
export async function createIndicator(ctx: ServiceContext, input: unknown): Promise<number> {
  requireCapability(ctx, "plan.edit");
  const plan = await requireCurrentPlan(ctx);
  const data = await parseDefinition(
    ctx.db,
    plan.id,
    typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {}
  );
  return ctx.db.transaction().execute(async (trx) => {
    await checkReferences(trx, plan.id, data);
    const fields = toDefinition(data);
    const id = await insertIndicator(trx, plan.id, fields);
    await replaceIndicatorAxes(trx, id, data.axisIds);
    await assertObjectiveWeighs(trx, data.objectiveId, zeroWeightIssue);
    await recordAudit(trx, ctx, {
      action: "indicator.create",
      entityType: "indicator",
      entityId: id,
      after: snapshot(fields, data.axisIds),
    });
    return id;
  });
}

/**
 * Edits an indicator's definition (planners and admins). Fields left out of `input` keep their
 * current value, so a caller may change only some. The periodicity is fixed once the indicator
 * has targets or measurements: they belong to periods of that periodicity.
 */
export async function updateIndicator(ctx: ServiceContext, id: number, input: unknown) {
  requireCapability(ctx, "plan.edit");
  if (typeof input !== "object" || input === null)
    throw new ValidationError([{ field: "_", message: "No se recibieron datos." }]);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findIndicatorDefinition(trx, id, { lock: true });
    if (!before) throw new NotFoundError("El indicador no existe.");
    const data = await parseDefinition(trx, before.plan_id, { ...toInput(before), ...input }, id);
    if (data.periodicity !== before.periodicity && before.target_count + before.measurement_count > 0) {
      const held = [
        before.target_count > 0 ? plural(before.target_count, "meta", "metas") : null,
        before.measurement_count > 0 ? plural(before.measurement_count, "medición", "mediciones") : null,
      ]
        .filter(Boolean)
        .join(" y ");
      throw new ValidationError([
        { field: "periodicity", message: `Periodicidad: no se puede cambiar porque el indicador ya tiene ${held}` },
      ]);
    }
    await checkReferences(trx, before.plan_id, data, id, before.objective_id);
    const fields = toDefinition(data);
    await updateIndicatorRow(trx, id, fields);
    await replaceIndicatorAxes(trx, id, data.axisIds);
    if (!before.archived_at) {
      await assertObjectiveWeighs(trx, data.objectiveId, zeroWeightIssue);
      if (data.objectiveId !== before.objective_id) {
        await assertObjectiveWeighs(
          trx,
          before.objective_id,
          () =>
            new ValidationError([
              {
                field: "objectiveId",
                message: "Objetivo estratégico: sin este indicador, los que quedan en el objetivo anterior pesarían 0",
              },
            ])
        );
      }
    }
    await recordAudit(trx, ctx, {
      action: "indicator.update",
      entityType: "indicator",
      entityId: id,
      before: snapshot(before, before.axis_ids),
      after: snapshot(fields, data.axisIds),
    });
  });
}

/** Archives (takes out of the scorecard and the reporting) or brings back an indicator; its data stays. */
export async function setIndicatorArchived(ctx: ServiceContext, id: number, archived: boolean) {
  requireCapability(ctx, "plan.edit");
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findIndicatorDefinition(trx, id, { lock: true });
    if (!before) throw new NotFoundError("El indicador no existe.");
    if (Boolean(before.archived_at) === archived) {
      throw new ConflictError(archived ? "El indicador ya está archivado." : "El indicador no está archivado.");
    }
    const archivedAt = archived ? new Date() : null;
    await setIndicatorArchivedAt(trx, id, archivedAt);
    await assertObjectiveWeighs(
      trx,
      before.objective_id,
      () =>
        new ConflictError(
          archived
            ? `No se puede archivar ${before.code}: los demás indicadores vigentes de su objetivo pesan 0. Asigne ponderación a otro antes.`
            : `No se puede restaurar ${before.code}: pesa 0 y los demás indicadores vigentes de su objetivo también.`
        )
    );
    await recordAudit(trx, ctx, {
      action: archived ? "indicator.archive" : "indicator.unarchive",
      entityType: "indicator",
      entityId: id,
      before: { archived_at: before.archived_at },
      after: { archived_at: archivedAt },
    });
  });
}

/**
 * Deletes an indicator with its targets, axes and comments. One with measurements is history
 * and is archived instead; the refusal says how many it has.
 */
export async function deleteIndicator(ctx: ServiceContext, id: number) {
  requireCapability(ctx, "plan.edit");
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findIndicatorDefinition(trx, id, { lock: true });
    if (!before) throw new NotFoundError("El indicador no existe.");
    if (before.measurement_count > 0) {
      throw new ConflictError(
        `El indicador ${before.code} tiene ${plural(
          before.measurement_count,
          "medición",
          "mediciones"
        )}; archívelo en lugar de eliminarlo.`
      );
    }
    await deleteIndicatorRow(trx, id);
    if (!before.archived_at) {
      await assertObjectiveWeighs(
        trx,
        before.objective_id,
        () =>
          new ConflictError(
            `No se puede eliminar ${before.code}: los demás indicadores vigentes de su objetivo pesan 0. Asigne ponderación a otro antes.`
          )
      );
    }
    await recordAudit(trx, ctx, {
      action: "indicator.delete",
      entityType: "indicator",
      entityId: id,
      before: { ...snapshot(before, before.axis_ids), target_count: before.target_count },
    });
  });
}
