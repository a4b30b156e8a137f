import type { Transaction } from "kysely";
import {
  countUnitReferences,
  deleteUnitRow,
  findUnit,
  insertUnit,
  listUnitHeads,
  listUnitLinks,
  listUnitsWithCounts,
  setUnitActive,
  unitCodeTaken,
  updateUnitFields,
  type UnitReferences,
} from "../../db/queries/units";
import type { Database } from "../../db/schema";
import { hasCapability } from "../domain/permissions";
import { UNIT_FIELD_LABELS, unitInputSchema, type UnitInput } from "../domain/schemas/units";
import {
  buildUnitTree,
  checkUnitMove,
  compareUnitsByName,
  descendantIds,
  flattenUnitTree,
  type UnitLink,
} from "../domain/unit-tree";
import { parseInput } from "../domain/validation";
import { recordAudit } from "./audit.server";
import { requireCapability, type ServiceContext } from "./context.server";
import { requireCurrentPlan } from "./current-plan.server";
import { ConflictError, NotFoundError, ValidationError } from "./errors";

/**
 * The organisation's units (global, shared by every plan): a tree read by everyone and kept by
 * planners and admins ('plan.edit'). Moves that would close a loop are refused, and a unit is
 * deleted only while nothing refers to it; otherwise it can be deactivated.
 */

async function currentPlanIdOrNull(ctx: ServiceContext): Promise<number | null> {
  try {
    return (await requireCurrentPlan(ctx)).id;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** Parent choices with their depth, for an indented select; only active units take children. */
function parentChoices(links: readonly (UnitLink & { code: string; name: string; is_active: boolean })[], excluded: Set<number>) {
  const tree = buildUnitTree(links, compareUnitsByName);
  return flattenUnitTree(tree.roots)
    .filter(({ unit }) => unit.is_active && !excluded.has(unit.id))
    .map(({ unit, depth }) => ({ id: unit.id, code: unit.code, name: unit.name, depth }));
}

export async function getUnitsPage(ctx: ServiceContext) {
  requireCapability(ctx, "plan.read");
  const planId = await currentPlanIdOrNull(ctx);
  const rows = (await listUnitsWithCounts(ctx.db, planId)).map((row) => ({
    ...row,
    // A count(*) subquery always answers; the driver's type just cannot know it.
    indicator_count: row.indicator_count ?? 0,
    commitment_count: row.commitment_count ?? 0,
    head_count: row.head_count ?? 0,
  }));
  const tree = buildUnitTree(rows, compareUnitsByName);
  return {
    roots: tree.roots,
    unreachable: tree.unreachable,
    total: rows.length,
    activeCount: rows.filter((row) => row.is_active).length,
    hasPlan: planId != null,
    canEdit: hasCapability(ctx.actor.role, "plan.edit"),
    parentChoices: parentChoices(rows, new Set()),
  };
}

export async function getUnitDetail(ctx: ServiceContext, id: number) {
  requireCapability(ctx, "plan.read");
  const [unit, links, references, heads] = await Promise.all([
    findUnit(ctx.db, id),
    listUnitLinks(ctx.db),
    countUnitReferences(ctx.db, id),
    listUnitHeads(ctx.db, id),
  ]);
  if (!unit) throw new NotFoundError("La unidad no existe.");
  const byId = new Map(links.map((link) => [link.id, link]));
  // Ancestors from the top down, for the breadcrumb; the guard stops on a loop in bad data.
  const ancestors: { id: number; code: string; name: string }[] = [];
  const seen = new Set<number>([id]);
  for (let parent = unit.parent_id; parent != null && !seen.has(parent); parent = byId.get(parent)?.parent_id ?? null) {
    seen.add(parent);
    const link = byId.get(parent);
    if (!link) break;
    ancestors.unshift({ id: link.id, code: link.code, name: link.name });
  }
  const children = links
    .filter((link) => link.parent_id === id)
    .sort(compareUnitsByName)
    .map((link) => ({ id: link.id, code: link.code, name: link.name, isActive: link.is_active }));
  const excluded = descendantIds(links, id).add(id);
  return {
    unit,
    ancestors,
    children,
    references,
    heads,
    canEdit: hasCapability(ctx.actor.role, "plan.edit"),
    parentChoices: parentChoices(links, excluded),
  };
}

function parseUnit(input: unknown): UnitInput {
  const parsed = parseInput(unitInputSchema, input, UNIT_FIELD_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  return parsed.data;
}

async function assertCodeFree(trx: Transaction<Database>, code: string, exceptId?: number) {
  if (await unitCodeTaken(trx, code, exceptId)) {
    throw new ValidationError([{ field: "code", message: `Código: ya existe una unidad con el código ${code}` }]);
  }
}

type Link = UnitLink & { code: string; name: string; is_active: boolean };

function assertParentUsable(links: readonly Link[], parentId: number | null): Link | null {
  if (parentId == null) return null;
  const parent = links.find((link) => link.id === parentId);
  if (!parent) throw new ValidationError([{ field: "parentId", message: "Unidad superior: la unidad elegida no existe" }]);
  if (!parent.is_active) {
    throw new ValidationError([
      { field: "parentId", message: `Unidad superior: ${parent.code} está inactiva; reactívela o elija otra` },
    ]);
  }
  return parent;
}

export async function createUnit(ctx: ServiceContext, input: unknown): Promise<number> {
  requireCapability(ctx, "plan.edit");
  const data = parseUnit(input);
  return ctx.db.transaction().execute(async (trx) => {
    await assertCodeFree(trx, data.code);
    assertParentUsable(await listUnitLinks(trx), data.parentId);
    const id = await insertUnit(trx, data);
    await recordAudit(trx, ctx, { action: "unit.create", entityType: "unit", entityId: id, after: data });
    return id;
  });
}

/** Changes code, name, kind and parent; a new parent must not be the unit or one below it. */
export async function updateUnit(ctx: ServiceContext, id: number, input: unknown): Promise<void> {
  requireCapability(ctx, "plan.edit");
  const data = parseUnit(input);
  await ctx.db.transaction().execute(async (trx) => {
    // Locking every link serialises concurrent moves: two moves checked at once could each
    // pass alone and still close a loop together.
    const links = await listUnitLinks(trx, { lock: true });
    const before = await findUnit(trx, id);
    if (!before) throw new NotFoundError("La unidad no existe.");
    await assertCodeFree(trx, data.code, id);
    if (data.parentId !== before.parent_id) {
      const move = checkUnitMove(links, id, data.parentId);
      if (!move.ok) throw new ValidationError([{ field: "parentId", message: moveRefusal(links, before.code, move) }]);
      assertParentUsable(links, data.parentId);
    }
    await updateUnitFields(trx, id, data);
    await recordAudit(trx, ctx, {
      action: data.parentId !== before.parent_id ? "unit.move" : "unit.update",
      entityType: "unit",
      entityId: id,
      before: { code: before.code, name: before.name, kind: before.kind, parentId: before.parent_id },
      after: data,
    });
  });
}

function moveRefusal(links: readonly Link[], code: string, move: Exclude<ReturnType<typeof checkUnitMove>, { ok: true }>): string {
  if (move.reason === "self") return "Unidad superior: una unidad no puede depender de sí misma";
  const codeOf = (unitId: number) => links.find((link) => link.id === unitId)?.code ?? String(unitId);
  if (move.reason === "descendant") {
    const parentCode = codeOf(move.chain[0]);
    return `Unidad superior: ${parentCode} depende de ${code} (${move.chain.map(codeOf).join(" → ")}); ponerla como su unidad superior formaría un ciclo`;
  }
  return `Unidad superior: ${codeOf(move.chain[0])} cuelga de un ciclo de unidades (${move.chain.map(codeOf).join(" → ")}); corríjalo antes de mover otras unidades bajo ella`;
}

/**
 * Deactivating keeps the unit and its history but takes it out of new choices. The tree stays
 * coherent: a unit with active units below it is not deactivated, nor one reactivated under an
 * inactive parent.
 */
export async function setUnitActivation(ctx: ServiceContext, id: number, active: boolean): Promise<void> {
  requireCapability(ctx, "plan.edit");
  await ctx.db.transaction().execute(async (trx) => {
    const links = await listUnitLinks(trx, { lock: true });
    const unit = links.find((link) => link.id === id);
    if (!unit) throw new NotFoundError("La unidad no existe.");
    if (unit.is_active === active) {
      throw new ConflictError(`La unidad ${unit.code} ya está ${active ? "activa" : "inactiva"}.`);
    }
    if (!active) {
      const activeChildren = links.filter((link) => link.parent_id === id && link.is_active);
      if (activeChildren.length > 0) {
        throw new ConflictError(
          `No se puede desactivar ${unit.code}: ${plural(activeChildren.length, "unidad activa depende", "unidades activas dependen")} de ella (${activeChildren
            .map((child) => child.code)
            .join(", ")}). Desactívelas o muévalas primero.`,
        );
      }
    } else if (unit.parent_id != null) {
      const parent = links.find((link) => link.id === unit.parent_id);
      if (parent && !parent.is_active) {
        throw new ConflictError(
          `No se puede reactivar ${unit.code}: su unidad superior ${parent.code} está inactiva. Reactívela primero o mueva ${unit.code} a otra unidad.`,
        );
      }
    }
    await setUnitActive(trx, id, active);
    await recordAudit(trx, ctx, {
      action: active ? "unit.reactivate" : "unit.deactivate",
      entityType: "unit",
      entityId: id,
      before: { code: unit.code, is_active: unit.is_active },
      after: { code: unit.code, is_active: active },
    });
  });
}

const REFERENCE_NOUNS: Record<keyof UnitReferences, [string, string]> = {
  indicators: ["indicador", "indicadores"],
  objectives: ["objetivo estratégico", "objetivos estratégicos"],
  commitments: ["compromiso", "compromisos"],
  agreements: ["acuerdo del comité", "acuerdos del comité"],
  user_units: ["usuario asignado", "usuarios asignados"],
  children: ["unidad dependiente", "unidades dependientes"],
};

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("es-CL")} ${n === 1 ? one : many}`;
}

/** "3 indicadores, 1 compromiso y 2 unidades dependientes", or null when nothing refers to it. */
export function describeReferences(references: UnitReferences): string | null {
  const parts = (Object.keys(REFERENCE_NOUNS) as (keyof UnitReferences)[])
    .filter((key) => references[key] > 0)
    .map((key) => plural(references[key], ...REFERENCE_NOUNS[key]));
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} y ${parts.at(-1)}`;
}

function deletionRefusal(unit: { code: string; is_active: boolean }, references: UnitReferences): string | null {
  const described = describeReferences(references);
  if (!described) return null;
  const advice = unit.is_active
    ? "Desactívela para que no se elija en adelante; su historial se conserva."
    : "Ya está inactiva: puede dejarla así, con su historial.";
  return `No se puede eliminar ${unit.code}: la usan ${described}. ${advice}`;
}

/** Deletes a unit nothing refers to; otherwise says what does and suggests deactivating it. */
export async function deleteUnit(ctx: ServiceContext, id: number): Promise<{ code: string; name: string }> {
  requireCapability(ctx, "plan.edit");
  return ctx.db.transaction().execute(async (trx) => {
    const unit = await findUnit(trx, id, { lock: true });
    if (!unit) throw new NotFoundError("La unidad no existe.");
    const references = await countUnitReferences(trx, id);
    const refusal = deletionRefusal(unit, references);
    if (refusal) throw new ConflictError(refusal);
    await deleteUnitRow(trx, id);
    await recordAudit(trx, ctx, {
      action: "unit.delete",
      entityType: "unit",
      entityId: id,
      before: { code: unit.code, name: unit.name, kind: unit.kind, parentId: unit.parent_id, is_active: unit.is_active },
    });
    return { code: unit.code, name: unit.name };
  });
}

/** What the delete confirmation shows: the unit and, when it cannot go, why. */
export async function previewUnitDeletion(ctx: ServiceContext, id: number) {
  requireCapability(ctx, "plan.edit");
  const [unit, references] = await Promise.all([findUnit(ctx.db, id), countUnitReferences(ctx.db, id)]);
  if (!unit) throw new NotFoundError("La unidad no existe.");
  return { code: unit.code, name: unit.name, refusal: deletionRefusal(unit, references) };
}
