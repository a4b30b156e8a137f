import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../db/schema";
import { ConflictError, ForbiddenError, ValidationError } from "../../app/services/errors";
import {
  createUnit,
  deleteUnit,
  getUnitDetail,
  getUnitsPage,
  previewUnitDeletion,
  setUnitActivation,
  updateUnit,
} from "../../app/services/units.server";
import { openTestDb, type TestDb } from "../support/db";
import { countAuditEvents, seedDemoWithContexts, type DemoContexts } from "../support/demo-actors";

describe("units", () => {
  let testDb: TestDb;
  let contexts: DemoContexts;

  beforeAll(async () => {
    testDb = await openTestDb();
    contexts = await seedDemoWithContexts(testDb.db);
  });
  afterAll(() => testDb.close());

  const unitId = async (code: string) =>
    (await testDb.db.selectFrom("units").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
  const unitRow = (id: number) =>
    testDb.db.selectFrom("units").select(["code", "name", "kind", "parent_id", "is_active"]).where("id", "=", id).executeTakeFirst();
  const lastAudit = () =>
    testDb.db
      .selectFrom("audit_events")
      .select(["action", "user_id", "entity_type", "entity_id", "before", "after"])
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();

  /** A fresh branch A > B > C of its own for each test that moves units. */
  async function branch(prefix: string) {
    const a = await createUnit(contexts.planner, { code: `${prefix}A`, name: `${prefix} división`, kind: "division", parentId: "" });
    const b = await createUnit(contexts.planner, { code: `${prefix}B`, name: `${prefix} departamento`, kind: "department", parentId: String(a) });
    const c = await createUnit(contexts.planner, { code: `${prefix}C`, name: `${prefix} sección`, kind: "section", parentId: String(b) });
    return { a, b, c };
  }

  it("shows the demo organisation as a tree with what hangs from each unit", async () => {
    const page = await getUnitsPage(contexts.viewer);
    expect(page.canEdit).toBe(false);
    expect(page.unreachable).toEqual([]);
    const outline = page.roots.map((root) => [root.unit.code, root.children.map((child) => child.unit.code)]);
    expect(outline).toEqual([
      ["DAF", ["DTI"]],
      ["DIDESO", ["DPC"]],
      ["DIPLADE", ["DMPECG"]],
      ["UT", []],
    ]);

    const dti = page.roots[0].children[0].unit;
    const count = async (table: "indicators" | "commitments") =>
      Number(
        (
          await testDb.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .where("responsible_unit_id", "=", dti.id)
            .where("archived_at", "is", null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(dti.indicator_count).toBe(await count("indicators"));
    expect(dti.commitment_count).toBe(await count("commitments"));
    expect(dti.indicator_count).toBeGreaterThan(0);
    // The demo unit head reports for DTI.
    expect(dti.head_count).toBe(1);
    expect((await getUnitsPage(contexts.planner)).canEdit).toBe(true);
  });

  it("creates a unit with its code in capitals, audited, and refuses a code already taken in any case", async () => {
    const parent = await unitId("DIPLADE");
    const id = await createUnit(contexts.planner, { code: "sgc", name: "Sección de Gestión de Calidad", kind: "section", parentId: String(parent) });
    expect(await unitRow(id)).toEqual({ code: "SGC", name: "Sección de Gestión de Calidad", kind: "section", parent_id: parent, is_active: true });
    expect(await lastAudit()).toMatchObject({ action: "unit.create", user_id: contexts.planner.actor.id, entity_id: String(id) });

    const before = await countAuditEvents(testDb.db);
    await expect(createUnit(contexts.admin, { code: "dti", name: "Otra", kind: "office", parentId: "" })).rejects.toThrow(
      new ValidationError([{ field: "code", message: "Código: ya existe una unidad con el código DTI" }]),
    );
    await expect(createUnit(contexts.admin, { code: "", name: "", kind: "gerencia", parentId: "x" })).rejects.toMatchObject({
      issues: [
        { field: "code", message: "Código: es obligatorio" },
        { field: "name", message: "Nombre: es obligatorio" },
        { field: "kind", message: "Tipo: debe ser división, departamento, sección u oficina" },
        { field: "parentId", message: "Unidad superior: no es una unidad válida" },
      ],
    });
    await expect(createUnit(contexts.admin, { code: "NUEVA", name: "Nueva", kind: "office", parentId: "999999" })).rejects.toThrow(
      "Unidad superior: la unidad elegida no existe",
    );
    expect(await countAuditEvents(testDb.db)).toBe(before);
  });

  it("refuses to move a unit under its own child or grandchild, with a Spanish message, and changes nothing", async () => {
    const { a, b, c } = await branch("CYC");
    const before = await countAuditEvents(testDb.db);
    await expect(updateUnit(contexts.planner, a, { code: "CYCA", name: "CYC división", kind: "division", parentId: String(b) })).rejects.toThrow(
      "Unidad superior: CYCB depende de CYCA (CYCB → CYCA); ponerla como su unidad superior formaría un ciclo",
    );
    await expect(updateUnit(contexts.planner, a, { code: "CYCA", name: "CYC división", kind: "division", parentId: String(c) })).rejects.toThrow(
      "formaría un ciclo",
    );
    await expect(updateUnit(contexts.admin, b, { code: "CYCB", name: "CYC departamento", kind: "department", parentId: String(b) })).rejects.toThrow(
      "Unidad superior: una unidad no puede depender de sí misma",
    );
    // The demo's own tree: DAF under DTI, its department.
    const daf = await unitId("DAF");
    await expect(
      updateUnit(contexts.admin, daf, { code: "DAF", name: "División de Administración y Finanzas", kind: "division", parentId: String(await unitId("DTI")) }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await unitRow(a)).toMatchObject({ parent_id: null });
    expect(await unitRow(daf)).toMatchObject({ parent_id: null });
    expect(await countAuditEvents(testDb.db)).toBe(before);
  });

  it("moves a unit elsewhere and audits the move with before and after", async () => {
    const { a, c } = await branch("MOV");
    const daf = await unitId("DAF");
    await updateUnit(contexts.planner, c, { code: "MOVC", name: "MOV sección", kind: "section", parentId: String(daf) });
    expect(await unitRow(c)).toMatchObject({ parent_id: daf });
    expect(await lastAudit()).toMatchObject({ action: "unit.move", before: { parentId: expect.any(Number) }, after: { parentId: daf } });
    // Upward moves are fine too: the division under what was its grandchild's new parent.
    await updateUnit(contexts.planner, a, { code: "MOVA", name: "MOV división renombrada", kind: "division", parentId: String(daf) });
    expect(await unitRow(a)).toMatchObject({ name: "MOV división renombrada", parent_id: daf });
    const detail = await getUnitDetail(contexts.viewer, c);
    expect(detail.ancestors.map((ancestor) => ancestor.code)).toEqual(["DAF"]);
    // The detail's parent choices leave out the unit and everything below it.
    const ofA = await getUnitDetail(contexts.planner, a);
    expect(ofA.parentChoices.map((choice) => choice.id)).not.toContain(a);
  });

  it("refuses to delete a unit that has indicators, says what uses it, and changes nothing", async () => {
    const dti = await unitId("DTI");
    const before = await countAuditEvents(testDb.db);
    await expect(deleteUnit(contexts.admin, dti)).rejects.toBeInstanceOf(ConflictError);
    await expect(deleteUnit(contexts.admin, dti)).rejects.toThrow(/^No se puede eliminar DTI: la usan \d+ indicadores.*1 usuario asignado\. Desactívela/);
    expect((await previewUnitDeletion(contexts.planner, dti)).refusal).toMatch(/indicadores/);
    expect(await unitRow(dti)).toMatchObject({ code: "DTI", is_active: true });
    expect(await countAuditEvents(testDb.db)).toBe(before);
  });

  it("refuses to delete a unit that only has sub-units, and deletes one nothing uses", async () => {
    const { b, c } = await branch("DEL");
    await expect(deleteUnit(contexts.planner, b)).rejects.toThrow("No se puede eliminar DELB: la usan 1 unidad dependiente.");
    expect((await previewUnitDeletion(contexts.planner, c)).refusal).toBeNull();
    await expect(deleteUnit(contexts.planner, c)).resolves.toEqual({ code: "DELC", name: "DEL sección" });
    expect(await unitRow(c)).toBeUndefined();
    expect(await lastAudit()).toMatchObject({ action: "unit.delete", entity_id: String(c), before: { code: "DELC", parentId: b } });
  });

  it("deactivates and reactivates, keeping the tree coherent", async () => {
    const { a, b, c } = await branch("ACT");
    await expect(setUnitActivation(contexts.planner, a, false)).rejects.toThrow(
      "No se puede desactivar ACTA: 1 unidad activa depende de ella (ACTB). Desactívelas o muévalas primero.",
    );
    await setUnitActivation(contexts.planner, c, false);
    await setUnitActivation(contexts.planner, b, false);
    expect(await lastAudit()).toMatchObject({ action: "unit.deactivate", entity_id: String(b), after: { is_active: false } });
    await expect(setUnitActivation(contexts.planner, b, false)).rejects.toThrow("ya está inactiva");
    await expect(setUnitActivation(contexts.planner, c, true)).rejects.toThrow("su unidad superior ACTB está inactiva");
    await expect(createUnit(contexts.planner, { code: "ACTD", name: "Bajo inactiva", kind: "office", parentId: String(b) })).rejects.toThrow(
      "Unidad superior: ACTB está inactiva; reactívela o elija otra",
    );
    await setUnitActivation(contexts.admin, b, true);
    expect(await lastAudit()).toMatchObject({ action: "unit.reactivate", user_id: contexts.admin.actor.id });
    expect(await unitRow(b)).toMatchObject({ is_active: true });
    // An inactive unit is not offered as a parent.
    const page = await getUnitsPage(contexts.planner);
    expect(page.parentChoices.map((choice) => choice.id)).not.toContain(c);
  });

  it.each(["committee", "unit_head", "viewer"] as Role[])("refuses every unit write by %s, and changes nothing", async (role) => {
    const ut = await unitId("UT");
    const dti = await unitId("DTI");
    const before = await countAuditEvents(testDb.db);
    const ctx = contexts[role];
    const refusals = [
      () => createUnit(ctx, { code: `X${role}`, name: "No", kind: "office", parentId: "" }),
      () => updateUnit(ctx, ut, { code: "UT", name: "Cambiada", kind: "office", parentId: "" }),
      () => updateUnit(ctx, ut, { code: "UT", name: "Unidad de Transparencia", kind: "office", parentId: String(dti) }),
      () => setUnitActivation(ctx, ut, false),
      () => deleteUnit(ctx, ut),
      () => previewUnitDeletion(ctx, ut),
    ];
    for (const refusal of refusals) {
      await expect(refusal()).rejects.toThrow(new ForbiddenError("Solo planificación y administración pueden modificar el plan."));
    }
    expect(await unitRow(ut)).toMatchObject({ name: "Unidad de Transparencia", parent_id: null, is_active: true });
    expect(await countAuditEvents(testDb.db)).toBe(before);
    // Reading is for everyone.
    await expect(getUnitDetail(ctx, ut)).resolves.toMatchObject({ canEdit: false, unit: { code: "UT" } });
  });
});
