import {
  applyMilestonesBatch,
  listMilestoneGridRows,
  loadMilestoneFilterChoices,
  lockMilestonesForBatch,
  type MilestoneFacts,
  type MilestoneWrite,
} from "../../db/queries/milestones-grid";
import { insertAuditEvents } from "../../db/queries/audit";
import type { MilestoneState } from "../../db/schema";
import { todayInSantiago } from "../domain/dates";
import { batchRequestSchema, changesByRow, type BatchResult, type CellChange, type CellProblem, type SavedRecord } from "../domain/grid-batch";
import { canReport, decideMilestoneScheduleWrite, decideMilestoneWrite } from "../domain/permissions";
import {
  isMilestoneGridField,
  MILESTONE_CELL_SCHEMAS,
  MILESTONE_GRID_LABELS,
  milestoneRecordIssue,
  MILESTONES_GRID_QUERY_LABELS,
  milestonesGridQuerySchema,
  parseMilestoneRow,
  type MilestoneGridField,
} from "../domain/schemas/milestones-grid";
import { checkCell } from "../domain/schemas/targets-grid";
import { isOverdue } from "../domain/scoring";
import { parseInput } from "../domain/validation";
import { requireCapability, type ServiceContext } from "./context.server";
import { requireCurrentPlan } from "./current-plan.server";
import { ConflictError, ForbiddenError, ValidationError } from "./errors";

/**
 * The milestones grid (`/plan-de-accion/hitos`): every milestone of the plan's live commitments.
 * Everyone who reads the plan sees it; unit heads report progress, state and evidence of their
 * units' milestones, planners and admins of all and also move due dates; the committee reads.
 * Batches are applied whole or not at all, with the version rule of every grid.
 */

export interface MilestonesGridRow {
  /** "<milestoneId>". */
  row: string;
  milestoneId: number;
  commitmentId: number;
  commitmentCode: string;
  commitmentTitle: string;
  pillarName: string;
  unitName: string;
  title: string;
  /** 'YYYY-MM-DD'. */
  dueDate: string;
  progress: number;
  state: MilestoneState;
  evidenceUrl: string | null;
  comment: string | null;
  /** Past its due date (today in Santiago) and neither done nor cancelled. */
  overdue: boolean;
  version: number;
  /** Whether this person may edit the row's progress, state, evidence and comment, and why not. */
  editable: boolean;
  reason: string | null;
  /** Whether this person may move the due date, and why not. */
  dueDateEditable: boolean;
  dueDateReason: string | null;
  updatedBy: string | null;
  /** ISO timestamp. */
  updatedAt: string | null;
}

export interface MilestonesGridPayload {
  filters: { compromiso: number | null; unidad: number | null };
  /** 'YYYY-MM-DD' in Santiago: what "overdue" was computed against. */
  today: string;
  rows: MilestonesGridRow[];
  commitments: { id: number; code: string; title: string }[];
  units: { id: number; name: string }[];
}

/** The grid for the filters, in two queries. */
export async function loadMilestonesGrid(ctx: ServiceContext, query: unknown): Promise<MilestonesGridPayload> {
  requireCapability(ctx, "plan.read");
  const parsed = parseInput(milestonesGridQuerySchema, query ?? {}, MILESTONES_GRID_QUERY_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const filters = parsed.data;
  const plan = await requireCurrentPlan(ctx);
  const [rows, choices] = await Promise.all([
    listMilestoneGridRows(ctx.db, { planId: plan.id, commitmentId: filters.compromiso, unitId: filters.unidad }),
    loadMilestoneFilterChoices(ctx.db, plan.id),
  ]);
  const today = todayInSantiago();
  return {
    filters: { compromiso: filters.compromiso ?? null, unidad: filters.unidad ?? null },
    today,
    rows: rows.map((row) => {
      const commitment = { responsibleUnitId: row.responsible_unit_id };
      const report = decideMilestoneWrite(ctx.actor, commitment);
      const schedule = decideMilestoneScheduleWrite(ctx.actor, commitment);
      return {
        row: String(row.id),
        milestoneId: row.id,
        commitmentId: row.commitment_id,
        commitmentCode: row.commitment_code,
        commitmentTitle: row.commitment_title,
        pillarName: row.pillar_name,
        unitName: row.unit_name,
        title: row.title,
        dueDate: row.due_date,
        progress: row.progress,
        state: row.state,
        evidenceUrl: row.evidence_url,
        comment: row.comment,
        overdue: isOverdue({ state: row.state, dueDate: row.due_date }, today),
        version: row.version,
        editable: report.allowed,
        reason: report.allowed ? null : report.reason,
        dueDateEditable: schedule.allowed,
        dueDateReason: schedule.allowed ? null : schedule.reason,
        updatedBy: row.updated_by_name,
        updatedAt: row.updated_at,
      };
    }),
    commitments: choices.commitments,
    units: choices.units,
  };
}

type MilestoneRecord = Pick<MilestoneWrite, "progress" | "state" | "dueDate" | "evidenceUrl" | "comment">;

interface MilestoneCell {
  change: CellChange;
  field: MilestoneGridField;
  value: MilestoneRecord[MilestoneGridField];
}

/**
 * Saves a batch of the milestones grid (rows "<milestoneId>"; fields `progress`, `state`,
 * `dueDate`, `evidenceUrl`, `comment`). Every cell is checked first — its value, that the
 * milestone exists in the plan, that this person may write it (and move its date), the version
 * the grid loaded, and the merged record (done means progress 100) — and then every milestone
 * is written in one statement with one multi-row audit insert, in one transaction; or nothing
 * is, and every problem comes back.
 */
export async function saveMilestonesBatch(ctx: ServiceContext, input: unknown): Promise<BatchResult> {
  // Refused before anything is read or locked; each milestone is decided again for its unit.
  if (!canReport(ctx.actor.role)) throw new ForbiddenError("Su perfil no puede reportar avances.");
  const parsed = parseInput(batchRequestSchema, input, { changes: "Cambios" });
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const plan = await requireCurrentPlan(ctx);

  const problems: CellProblem[] = [];
  const cellsOf = new Map<number, MilestoneCell[]>();
  const rowsWithBadCells = new Set<number>();
  for (const [row, changes] of changesByRow(parsed.data.changes)) {
    const milestoneId = parseMilestoneRow(row);
    for (const change of changes) {
      if (!isMilestoneGridField(change.field)) {
        problems.push({ row, field: change.field, kind: "invalid", message: `${change.field}: no se puede editar en esta grilla` });
        continue;
      }
      const label = MILESTONE_GRID_LABELS[change.field];
      if (milestoneId == null) {
        problems.push({ row, field: change.field, kind: "not_found", message: `${label}: el hito no existe en este plan` });
        continue;
      }
      const checked = checkCell<MilestoneRecord[MilestoneGridField]>(MILESTONE_CELL_SCHEMAS[change.field], change.value, label);
      if (!checked.ok) {
        problems.push({ row, field: change.field, kind: "invalid", message: checked.message });
        rowsWithBadCells.add(milestoneId);
        continue;
      }
      const cells = (cellsOf.get(milestoneId) ?? []).filter((cell) => cell.field !== change.field);
      cellsOf.set(milestoneId, [...cells, { change, field: change.field, value: checked.value }]);
    }
  }

  return ctx.db.transaction().execute(async (trx) => {
    const facts = await lockMilestonesForBatch(trx, plan.id, [...new Set([...cellsOf.keys(), ...rowsWithBadCells])]);
    const factOf = new Map(facts.map((fact) => [fact.id, fact]));
    const writes: { fact: MilestoneFacts; merged: MilestoneRecord; cells: MilestoneCell[] }[] = [];
    for (const [milestoneId, cells] of cellsOf) {
      const fact = factOf.get(milestoneId);
      const cellProblems = cells.flatMap((cell) => milestoneCellProblems(ctx, cell, fact));
      problems.push(...cellProblems);
      if (!fact || cellProblems.length > 0 || rowsWithBadCells.has(milestoneId)) continue;
      const merged = mergeCells(fact, cells);
      const issue = milestoneRecordIssue(merged, new Set(cells.map((cell) => cell.field)));
      if (issue) {
        problems.push({ row: String(milestoneId), field: issue.field, kind: "invalid", message: issue.message });
        continue;
      }
      writes.push({ fact, merged, cells });
    }
    if (problems.length > 0) return { ok: false, problems };

    // A row that stores what is already there changes nothing: no write, no new version, no audit.
    const changed = writes.filter(({ fact, merged }) => changedFields(fact, merged).length > 0);
    const updated = await applyMilestonesBatch(
      trx,
      changed.map(({ fact, merged }) => ({ id: fact.id, ...merged, expectedVersion: fact.version })),
      ctx.actor.id,
    );
    if (updated !== changed.length) {
      throw new ConflictError("Otra persona guardó estos hitos al mismo tiempo; recargue la página y vuelva a intentarlo.");
    }
    await insertAuditEvents(
      trx,
      changed.map(({ fact, merged }) => {
        const fields = changedFields(fact, merged);
        return {
          userId: ctx.actor.id,
          requestId: ctx.requestId,
          action: "milestone.update",
          entityType: "milestone",
          entityId: fact.id,
          before: { ...pick(currentRecord(fact), fields), version: fact.version },
          after: { ...pick(merged, fields), version: fact.version + 1 },
        };
      }),
    );

    const today = todayInSantiago();
    const changedIds = new Set(changed.map(({ fact }) => fact.id));
    const records: SavedRecord[] = writes.map(({ fact, merged }) => ({
      row: String(fact.id),
      version: changedIds.has(fact.id) ? fact.version + 1 : fact.version,
      fields: { ...merged, overdue: isOverdue({ state: merged.state, dueDate: merged.dueDate }, today) },
    }));
    return { ok: true, saved: parsed.data.changes.length, records };
  });
}

function milestoneCellProblems(ctx: ServiceContext, cell: MilestoneCell, fact: MilestoneFacts | undefined): CellProblem[] {
  const { row, field } = cell.change;
  const label = MILESTONE_GRID_LABELS[cell.field];
  if (!fact) return [{ row, field, kind: "not_found", message: `${label}: el hito no existe en este plan` }];
  const commitment = { responsibleUnitId: fact.responsible_unit_id };
  const decision = cell.field === "dueDate" ? decideMilestoneScheduleWrite(ctx.actor, commitment) : decideMilestoneWrite(ctx.actor, commitment);
  if (!decision.allowed) return [{ row, field, kind: "forbidden", message: `${label}: ${decision.reason}` }];
  if (cell.change.version !== fact.version) {
    return [
      {
        row,
        field,
        kind: "conflict",
        message: `${label}: ${fact.updated_by_name ?? "otra persona"} modificó el hito «${fact.title}» después de que usted lo cargó`,
        theirs: { value: currentRecord(fact)[cell.field], by: fact.updated_by_name, at: fact.updated_at, version: fact.version },
      },
    ];
  }
  return [];
}

function currentRecord(fact: MilestoneFacts): MilestoneRecord {
  return { progress: fact.progress, state: fact.state, dueDate: fact.due_date, evidenceUrl: fact.evidence_url, comment: fact.comment };
}

function mergeCells(fact: MilestoneFacts, cells: readonly MilestoneCell[]): MilestoneRecord {
  const merged: Record<MilestoneGridField, unknown> = { ...currentRecord(fact) };
  for (const cell of cells) merged[cell.field] = cell.value;
  return merged as MilestoneRecord;
}

function changedFields(fact: MilestoneFacts, merged: MilestoneRecord): MilestoneGridField[] {
  const current = currentRecord(fact);
  return (Object.keys(merged) as MilestoneGridField[]).filter((field) => merged[field] !== current[field]);
}

/** Audit snapshots name columns as the other milestone events do (`evidence_url`, not `evidenceUrl`). */
const AUDIT_COLUMNS: Record<MilestoneGridField, string> = {
  progress: "progress",
  state: "state",
  dueDate: "due_date",
  evidenceUrl: "evidence_url",
  comment: "comment",
};

function pick(record: MilestoneRecord, fields: readonly MilestoneGridField[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [AUDIT_COLUMNS[field], record[field]]));
}
