import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError } from "../../app/services/errors";
import { todayInSantiago } from "../../app/domain/dates";
import type { CellChange } from "../../app/domain/grid-batch";
import { isOverdue } from "../../app/domain/scoring";
import { loadMilestonesGrid, saveMilestonesBatch, type MilestonesGridRow } from "../../app/services/milestones-grid.server";
import { DEMO_UNIT_HEAD_UNIT } from "../../db/seed/demo";
import { openTestDb, type TestDb } from "../support/db";
import {
  countAuditEvents,
  seedDemoWithContexts,
  type DemoContexts,
  latestAuditOf,
} from "../support/demo-actors";
import { countingDb } from "../support/query-counter";

describe("the milestones grid", () => {
  let testDb: TestDb;
  let contexts: DemoContexts;
  let ownUnitId: number;

  beforeAll(async () => {
    testDb = await openTestDb();
    contexts = await seedDemoWithContexts(testDb.db);
    ownUnitId = (await testDb.db.selectFrom("units").select("id").where("code", "=", DEMO_UNIT_HEAD_UNIT).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => testDb.close());

  const milestoneOf = (id: number) =>
    testDb.db
      .selectFrom("milestones")
      .select(["progress", "state", "due_date", "evidence_url", "comment", "version", "updated_by", "completed_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  /** Open milestones of the unit head's unit (own) or of another unit, as the unit head's grid shows them. */
  async function openRows(own: boolean): Promise<MilestonesGridRow[]> {
    const grid = await loadMilestonesGrid(contexts.unit_head, {});
    return grid.rows.filter((row) => row.editable === own && (row.state === "pending" || row.state === "in_progress"));
  }

  const cell = (row: MilestonesGridRow, field: string, value: CellChange["value"]): CellChange => ({
    row: row.row,
    field,
    value,
    version: row.version,
  });

  it("shows every milestone with its commitment, overdue flag and who may edit it", async () => {
    const grid = await loadMilestonesGrid(contexts.unit_head, {});
    const total = await testDb.db.selectFrom("milestones").select("id").execute();
    expect(grid.rows).toHaveLength(total.length);
    expect(grid.today).toBe(todayInSantiago());
    expect(grid.rows.some((row) => row.overdue)).toBe(true);
    for (const row of grid.rows) {
      expect(row.overdue).toBe(isOverdue({ state: row.state, dueDate: row.dueDate }, grid.today));
      expect(row.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const own = grid.rows.filter((row) => row.editable);
    const other = grid.rows.filter((row) => !row.editable);
    expect(own.length).toBeGreaterThan(0);
    expect(other.length).toBeGreaterThan(0);
    expect(other[0].reason).toContain("otra unidad");
    expect(grid.rows.every((row) => !row.dueDateEditable)).toBe(true);
    expect(own[0]).toMatchObject({ row: String(own[0].milestoneId), reason: null });
    expect(own[0].commitmentCode).not.toBe("");
    expect(own[0].pillarName).not.toBe("");

    const committee = await loadMilestonesGrid(contexts.committee, {});
    expect(committee.rows.every((row) => !row.editable && row.reason === "Su perfil no puede reportar avances.")).toBe(true);
    const planner = await loadMilestonesGrid(contexts.planner, {});
    expect(planner.rows.every((row) => row.editable && row.dueDateEditable)).toBe(true);

    const byUnit = await loadMilestonesGrid(contexts.planner, { unidad: String(ownUnitId) });
    expect(byUnit.rows.map((row) => row.milestoneId).sort()).toEqual(own.map((row) => row.milestoneId).sort());
    const commitment = planner.commitments[0];
    const byCommitment = await loadMilestonesGrid(contexts.viewer, { compromiso: commitment.id });
    expect(byCommitment.rows.length).toBeGreaterThan(0);
    expect(byCommitment.rows.every((row) => row.commitmentId === commitment.id)).toBe(true);

    const { db, counter } = countingDb(testDb.db);
    await loadMilestonesGrid({ ...contexts.viewer, db }, {});
    // The current plan, then the rows and the filters' choices side by side.
    expect(counter.count).toBe(3);
  });

  it("lets a unit head report their own milestones, audited as one change set", async () => {
    const [first, second] = await openRows(true);
    const auditBefore = await countAuditEvents(testDb.db);
    const result = await saveMilestonesBatch(contexts.unit_head, {
      changes: [
        cell(first, "progress", 100),
        cell(first, "state", "done"),
        cell(first, "evidenceUrl", "https://gore.cl/acta.pdf"),
        cell(second, "progress", "45,5"),
        cell(second, "comment", "  En revisión con la división  "),
      ],
    });
    expect(result).toMatchObject({ ok: true, saved: 5 });
    if (!result.ok) return;
    expect(await milestoneOf(first.milestoneId)).toMatchObject({
      progress: 100,
      state: "done",
      evidence_url: "https://gore.cl/acta.pdf",
      version: first.version + 1,
      updated_by: contexts.unit_head.actor.id,
    });
    expect((await milestoneOf(first.milestoneId)).completed_at).not.toBeNull();
    expect(await milestoneOf(second.milestoneId)).toMatchObject({ progress: 45.5, comment: "En revisión con la división", state: second.state });
    const record = result.records.find((candidate) => candidate.row === first.row)!;
    expect(record).toMatchObject({ version: first.version + 1, fields: { state: "done", progress: 100, overdue: false } });

    // One change set for the two milestones, each with its own diff.
    expect(await countAuditEvents(testDb.db)).toBe(auditBefore + 1);
    const firstEvent = (await latestAuditOf(testDb.db, "milestone", String(first.milestoneId)))!;
    expect(firstEvent).toMatchObject({ action: "milestone.update", change_set: true });
    expect((await latestAuditOf(testDb.db, "milestone", String(second.milestoneId)))?.action).toBe("milestone.update");
    expect(firstEvent.before).toEqual({ progress: first.progress, state: first.state, evidence_url: first.evidenceUrl, version: first.version });
    expect(firstEvent.after).toEqual({ progress: 100, state: "done", evidence_url: "https://gore.cl/acta.pdf", version: first.version + 1 });
  });

  it("checks permission per cell: other units' milestones and due dates are refused, and nothing is written", async () => {
    const [own] = await openRows(true);
    const [other] = await openRows(false);
    const auditBefore = await countAuditEvents(testDb.db);
    const result = await saveMilestonesBatch(contexts.unit_head, {
      changes: [cell(own, "progress", 60), cell(own, "dueDate", "2026-12-31"), cell(other, "progress", 10)],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(2);
    const byKey = new Map(result.problems.map((problem) => [`${problem.row}|${problem.field}`, problem]));
    expect(byKey.get(`${own.row}|dueDate`)).toMatchObject({ kind: "forbidden" });
    expect(byKey.get(`${own.row}|dueDate`)!.message).toMatch(/^Fecha comprometida: Solo planificación y administración/);
    expect(byKey.get(`${other.row}|progress`)).toMatchObject({ kind: "forbidden" });
    expect(byKey.get(`${other.row}|progress`)!.message).toMatch(/^Avance \(%\): Este hito pertenece a otra unidad/);
    expect((await milestoneOf(own.milestoneId)).progress).toBe(own.progress);
    expect(await countAuditEvents(testDb.db)).toBe(auditBefore);

    // A profile that reports nothing is refused before anything is read or locked.
    await expect(saveMilestonesBatch(contexts.committee, { changes: [cell(own, "progress", 60)] })).rejects.toThrow(
      new ForbiddenError("Su perfil no puede reportar avances."),
    );

    const planner = await saveMilestonesBatch(contexts.planner, { changes: [cell(own, "dueDate", "2026-12-31"), cell(other, "progress", 10)] });
    expect(planner.ok).toBe(true);
    expect((await milestoneOf(own.milestoneId)).due_date).toBe("2026-12-31");
  });

  it("checks every value and the merged record: done needs progress 100", async () => {
    const [row] = await openRows(true);
    const result = await saveMilestonesBatch(contexts.planner, {
      changes: [
        { ...cell(row, "state", "done"), version: row.version + 0 },
        cell(row, "evidenceUrl", "ftp://archivo"),
        { row: "999999", field: "progress", value: 10, version: 1 },
        { row: "abc", field: "progress", value: 10, version: 1 },
        { row: row.row, field: "title", value: "Otro", version: row.version },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byKey = new Map(result.problems.map((problem) => [`${problem.row}|${problem.field}`, problem]));
    expect(byKey.get(`${row.row}|evidenceUrl`)).toMatchObject({
      kind: "invalid",
      message: "Medio de verificación: debe ser un enlace que empiece con http:// o https://",
    });
    expect(byKey.get("999999|progress")).toMatchObject({ kind: "not_found", message: "Avance (%): el hito no existe en este plan" });
    expect(byKey.get("abc|progress")).toMatchObject({ kind: "not_found" });
    expect(byKey.get(`${row.row}|title`)).toMatchObject({ kind: "invalid" });

    const progressLeft = await saveMilestonesBatch(contexts.planner, { changes: [cell(row, "state", "done")] });
    expect(progressLeft).toMatchObject({
      ok: false,
      problems: [{ row: row.row, field: "state", kind: "invalid", message: "Estado: un hito cumplido debe tener avance 100" }],
    });
    const badValues = await saveMilestonesBatch(contexts.planner, {
      changes: [cell(row, "progress", 140), cell(row, "state", "terminado"), cell(row, "dueDate", "2026-02-30")],
    });
    expect(badValues.ok).toBe(false);
    if (badValues.ok) return;
    expect(badValues.problems.map((problem) => problem.message).sort()).toEqual([
      "Avance (%): debe estar entre 0 y 100",
      "Estado: debe ser pendiente, en curso, cumplido o cancelado",
      "Fecha comprometida: debe ser una fecha válida (AAAA-MM-DD)",
    ]);
    expect(await milestoneOf(row.milestoneId)).toMatchObject({ state: row.state, version: row.version });
  });

  it("reports a conflict with the other person's value and name, and keeps their value", async () => {
    const [row] = (await openRows(true)).slice(-1);
    const theirs = await saveMilestonesBatch(contexts.planner, { changes: [cell(row, "progress", 70)] });
    expect(theirs.ok).toBe(true);

    const result = await saveMilestonesBatch(contexts.unit_head, { changes: [cell(row, "progress", 20), cell(row, "comment", "Mío")] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(2);
    const progress = result.problems.find((problem) => problem.field === "progress")!;
    expect(progress).toMatchObject({ row: row.row, kind: "conflict", theirs: { value: 70, by: contexts.planner.actor.name, version: row.version + 1 } });
    expect(progress.message).toContain(contexts.planner.actor.name);
    expect(Number.isNaN(Date.parse(progress.theirs!.at!))).toBe(false);
    expect(result.problems.find((problem) => problem.field === "comment")!.theirs).toMatchObject({ value: row.comment });
    expect(await milestoneOf(row.milestoneId)).toMatchObject({ progress: 70, comment: row.comment, version: row.version + 1 });
  });

  it("saves 1 or 100 cells in the same number of queries", async () => {
    const grid = await loadMilestonesGrid(contexts.planner, {});
    const cells: CellChange[] = [];
    for (const row of grid.rows) {
      cells.push(cell(row, "comment", `Revisado ${row.milestoneId}`), cell(row, "evidenceUrl", `https://gore.cl/hitos/${row.milestoneId}`));
    }
    expect(cells.length).toBeGreaterThanOrEqual(101);
    const countFor = async (changes: CellChange[]) => {
      const { db, counter } = countingDb(testDb.db);
      const result = await saveMilestonesBatch({ ...contexts.planner, db }, { changes });
      expect(result).toMatchObject({ ok: true, saved: changes.length });
      return counter.count;
    };
    // The first cell's row is left out of the second batch: its version changed with the first.
    const one = await countFor(cells.slice(0, 1));
    const hundred = await countFor(cells.slice(2, 102));
    expect(hundred).toBe(one);
    // The current plan, the locked facts, one update, one audit insert.
    expect(one).toBe(4);
  });
});
