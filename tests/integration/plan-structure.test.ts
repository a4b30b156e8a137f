import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../db/schema";
import { loadActor, type ServiceContext } from "../../app/services/context.server";
import { ConflictError, ForbiddenError, ValidationError } from "../../app/services/errors";
import {
  createAxis,
  createObjective,
  createPillar,
  deleteAxis,
  deleteObjective,
  deletePillar,
  setObjectiveArchive,
  updateAxis,
  updateObjective,
  updatePillar,
} from "../../app/services/plan-elements.server";
import {
  createDefinition,
  createPlan,
  deleteDefinition,
  getPlanPage,
  moveDefinition,
  updateDefinition,
  updatePlanSettings,
} from "../../app/services/plan-structure.server";
import { openTestDb, type TestDb } from "../support/db";

const ROLES: Role[] = ["admin", "planner", "committee", "unit_head", "viewer"];

/** What a refused write must leave untouched: every table this area writes, and the audit trail. */
async function snapshot(db: TestDb["db"]) {
  const result = await sql<Record<string, number>>`
    SELECT (SELECT count(*)::int FROM plans) AS plans,
           (SELECT count(*)::int FROM periods) AS periods,
           (SELECT count(*)::int FROM strategic_definitions) AS definitions,
           (SELECT count(*)::int FROM pillars) AS pillars,
           (SELECT count(*)::int FROM axes) AS axes,
           (SELECT count(*)::int FROM objectives) AS objectives,
           (SELECT count(*)::int FROM objective_axes) AS objective_axes,
           (SELECT count(*)::int FROM audit_events) AS audit_events,
           (SELECT coalesce(max(updated_at)::text, '') FROM objectives) AS objectives_updated,
           (SELECT coalesce(max(updated_at)::text, '') FROM pillars) AS pillars_updated,
           (SELECT coalesce(max(updated_at)::text, '') FROM plans) AS plans_updated`.execute(db);
  return result.rows[0];
}

async function auditActions(db: TestDb["db"]) {
  const rows = await db.selectFrom("audit_events").select(["action", "entity_type", "entity_id", "before", "after", "user_id"]).orderBy("id").execute();
  return rows;
}

describe("building a plan through the services, from an empty database", () => {
  let testDb: TestDb;
  const ctx = {} as Record<Role, ServiceContext>;
  let unitId: number;
  let planId: number;
  let pillarId: number;
  let secondPillarId: number;
  let axisId: number;
  let spareAxisId: number;
  let objectiveId: number;
  let emptyObjectiveId: number;

  beforeAll(async () => {
    testDb = await openTestDb();
    const { db } = testDb;
    for (const role of ROLES) {
      const user = await db
        .insertInto("users")
        .values({ email: `${role}@prueba.gore.cl`, name: `Persona ${role}`, role })
        .returning(["id", "email", "name", "role"])
        .executeTakeFirstOrThrow();
      ctx[role] = { db, actor: await loadActor(db, user), requestId: `req-${role}` };
    }
    unitId = (
      await db.insertInto("units").values({ code: "DMPECG", name: "Departamento de Modernización" }).returning("id").executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await testDb?.close();
  });

  it("shows no plan yet, and tells editors so", async () => {
    const page = await getPlanPage(ctx.viewer, null);
    expect(page.plan).toBeNull();
    expect(page.canEdit).toBe(false);
    expect((await getPlanPage(ctx.planner, null)).canEdit).toBe(true);
  });

  it("creates the first plan active, with 12 + 4 + 2 + 1 open periods per year", async () => {
    const created = await createPlan(ctx.admin, {
      code: "PE-2025",
      name: "Plan Estratégico 2025–2027",
      description: "",
      startYear: "2025",
      endYear: "2027",
      greenThreshold: "95",
      yellowThreshold: "75",
      scoreCap: "100",
    });
    planId = created.id;
    expect(created).toMatchObject({ status: "active", periodsCreated: 57, activePlan: null });
    const periods = await testDb.db
      .selectFrom("periods")
      .select(["periodicity", sql<number>`count(*)::int`.as("n"), sql<number>`count(*) FILTER (WHERE status = 'open')::int`.as("open")])
      .where("plan_id", "=", planId)
      .groupBy("periodicity")
      .execute();
    expect(Object.fromEntries(periods.map((row) => [row.periodicity, [row.n, row.open]]))).toEqual({
      monthly: [36, 36],
      quarterly: [12, 12],
      semiannual: [6, 6],
      annual: [3, 3],
    });
    const plan = await testDb.db.selectFrom("plans").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ green_threshold: 95, yellow_threshold: 75, score_cap: 100, description: null });
  });

  it("starts a second plan as a draft while another is active, and refuses a repeated plan code", async () => {
    const second = await createPlan(ctx.planner, { code: "PE-BORRADOR", name: "Otro plan", startYear: 2026, endYear: 2026 });
    expect(second).toMatchObject({ status: "draft", periodsCreated: 19, activePlan: { id: planId } });
    await expect(createPlan(ctx.planner, { code: "pe-2025", name: "Copia", startYear: 2025, endYear: 2025 })).rejects.toMatchObject({
      issues: [{ field: "code", message: "Código: ya existe un plan con ese código" }],
    });
    await expect(
      updatePlanSettings(ctx.planner, second.id, { name: "Otro plan", startYear: 2026, endYear: 2026, status: "active" }),
    ).rejects.toThrow(/ya hay un plan activo/);
  });

  it("adds, edits, reorders and deletes strategic definitions", async () => {
    const mission = await createDefinition(ctx.planner, planId, { kind: "mission", title: "Misión", body: "Gobernar con las personas." });
    const vision = await createDefinition(ctx.planner, planId, { kind: "vision", title: "", body: "Un gobierno abierto." });
    const value = await createDefinition(ctx.admin, planId, { kind: "value", title: "Transparencia", body: "Todo se publica." });
    await updateDefinition(ctx.planner, vision, { kind: "vision", title: "Visión", body: "Un gobierno regional abierto." });
    await moveDefinition(ctx.planner, value, "up");
    await expect(moveDefinition(ctx.planner, mission, "up")).rejects.toBeInstanceOf(ConflictError);
    await expect(createDefinition(ctx.planner, planId, { kind: "slogan", body: "x" })).rejects.toMatchObject({
      issues: [{ field: "kind", message: "Tipo: debe ser misión, visión, valor, principio u otro" }],
    });
    let page = await getPlanPage(ctx.viewer, planId);
    expect(page.definitions.map((d) => [d.kind, d.title])).toEqual([
      ["mission", "Misión"],
      ["value", "Transparencia"],
      ["vision", "Visión"],
    ]);
    await deleteDefinition(ctx.planner, value);
    page = await getPlanPage(ctx.viewer, planId);
    expect(page.definitions.map((d) => d.id)).toEqual([mission, vision]);
  });

  it("adds pillars and axes, with unique codes and weights that are not all zero", async () => {
    const pillar = (code: string, name: string, weight: string) => ({
      code,
      name,
      actionLine: "Un GORE 2.0",
      governance: "Gobernanza eficaz",
      description: "",
      weight,
      color: "#0f69c4",
    });
    await expect(createPillar(ctx.planner, planId, pillar("MOD", "Modernización", "0"))).rejects.toMatchObject({
      issues: [{ field: "weight", message: "Peso: al menos uno de los pilares del plan debe tener un peso mayor que cero" }],
    });
    pillarId = await createPillar(ctx.planner, planId, pillar("MOD", "Modernización", "0,4"));
    secondPillarId = await createPillar(ctx.admin, planId, pillar("TRA", "Transparencia", "0"));
    await expect(createPillar(ctx.planner, planId, pillar("mod", "Otra", "1"))).rejects.toMatchObject({
      issues: [{ field: "code", message: "Código: ya existe en este plan" }],
    });
    await expect(updatePillar(ctx.planner, pillarId, pillar("MOD", "Modernización", "0"))).rejects.toBeInstanceOf(ValidationError);
    await updatePillar(ctx.planner, pillarId, { ...pillar("MOD", "Modernización", "0.5"), description: "Datos y servicios digitales." });
    const stored = await testDb.db.selectFrom("pillars").selectAll().where("id", "=", pillarId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ weight: 0.5, color: "#0F69C4", description: "Datos y servicios digitales.", position: 1 });

    axisId = await createAxis(ctx.planner, planId, { code: "TEC", name: "Tecnología", description: "", color: "#455a64" });
    spareAxisId = await createAxis(ctx.planner, planId, { code: "EG", name: "Equidad de género", color: "#AD1457" });
    await updateAxis(ctx.planner, spareAxisId, { code: "EG", name: "Equidad de género", description: "Datos por sexo.", color: "#AD1457" });
    await expect(createAxis(ctx.planner, planId, { code: "TEC", name: "Otra", color: "#000000" })).rejects.toMatchObject({
      issues: [{ field: "code", message: "Código: ya existe en este plan" }],
    });
  });

  it("creates objectives with unit and axes, refusing a repeated code", async () => {
    objectiveId = await createObjective(ctx.planner, planId, {
      code: "OE-M1",
      title: "Impulsar comunidades en torno a los datos",
      description: "",
      pillarId: String(pillarId),
      weight: "1",
      ownerUnitId: String(unitId),
      axisIds: [String(axisId), String(spareAxisId)],
    });
    emptyObjectiveId = await createObjective(ctx.admin, planId, {
      code: "OE-M2",
      title: "Datos abiertos",
      pillarId,
      weight: 0,
      ownerUnitId: "",
    });
    const before = await snapshot(testDb.db);
    await expect(
      createObjective(ctx.planner, planId, { code: "OE-M1", title: "Otro", pillarId, weight: 1, axisIds: [] }),
    ).rejects.toMatchObject({ issues: [{ field: "code", message: "Código: ya existe en este plan" }] });
    await expect(
      updateObjective(ctx.planner, objectiveId, { code: "OE-M1", title: "Cero", pillarId, weight: "0", axisIds: [] }),
    ).rejects.toMatchObject({
      issues: [{ field: "weight", message: "Peso: al menos uno de los objetivos del pilar debe tener un peso mayor que cero" }],
    });
    expect(await snapshot(testDb.db)).toEqual(before);

    const page = await getPlanPage(ctx.viewer, null);
    expect(page.plan?.id).toBe(planId);
    const objective = page.objectives.find((o) => o.id === objectiveId);
    expect(objective).toMatchObject({
      code: "OE-M1",
      owner_unit_name: "Departamento de Modernización",
      axis_ids: [axisId, spareAxisId],
      indicator_count: 0,
      pillar_id: pillarId,
    });
    await updateObjective(ctx.planner, objectiveId, {
      code: "OE-M1",
      title: "Impulsar comunidades en torno a los datos públicos",
      pillarId,
      weight: "2",
      ownerUnitId: unitId,
      axisIds: [axisId],
    });
    const after = await getPlanPage(ctx.viewer, planId);
    expect(after.objectives.find((o) => o.id === objectiveId)).toMatchObject({ axis_ids: [axisId], weight: 2 });
  });

  it("refuses to delete an objective with indicators and changes nothing; archiving works instead", async () => {
    for (const code of ["M1.1", "M1.2", "M1.3"]) {
      await testDb.db
        .insertInto("indicators")
        .values({
          plan_id: planId,
          objective_id: objectiveId,
          code,
          name: `Indicador ${code}`,
          kind: "value",
          direction: "increase",
          periodicity: "quarterly",
          aggregation: "sum",
          responsible_unit_id: unitId,
        })
        .execute();
    }
    const before = await snapshot(testDb.db);
    const refusal = deleteObjective(ctx.planner, objectiveId);
    await expect(refusal).rejects.toBeInstanceOf(ConflictError);
    await expect(refusal).rejects.toThrow("El objetivo tiene 3 indicadores; archívelo en lugar de eliminarlo.");
    expect(await snapshot(testDb.db)).toEqual(before);

    await setObjectiveArchive(ctx.planner, objectiveId, true);
    await expect(setObjectiveArchive(ctx.planner, objectiveId, true)).rejects.toBeInstanceOf(ConflictError);
    expect((await getPlanPage(ctx.viewer, planId)).objectives.map((o) => o.id)).toEqual([emptyObjectiveId]);
    expect((await getPlanPage(ctx.planner, planId)).objectives.find((o) => o.id === objectiveId)?.archived_at).not.toBeNull();
    await setObjectiveArchive(ctx.admin, objectiveId, false);
    expect((await getPlanPage(ctx.viewer, planId)).objectives.find((o) => o.id === objectiveId)?.indicator_count).toBe(3);

    await deleteObjective(ctx.planner, emptyObjectiveId);
    expect(await testDb.db.selectFrom("objectives").select("id").where("id", "=", emptyObjectiveId).executeTakeFirst()).toBeUndefined();
  });

  it("refuses to delete a pillar with objectives or an axis in use, saying how many", async () => {
    await expect(deletePillar(ctx.planner, pillarId)).rejects.toThrow("El pilar «Modernización» tiene 1 objetivo; no se puede eliminar.");
    await expect(deleteAxis(ctx.planner, axisId)).rejects.toThrow("El eje «Tecnología» está asignado a 1 objetivo;");
    await deletePillar(ctx.planner, secondPillarId);
    await deleteAxis(ctx.planner, spareAxisId);
    const page = await getPlanPage(ctx.viewer, planId);
    expect(page.pillars.map((p) => p.code)).toEqual(["MOD"]);
    expect(page.axes.map((a) => a.code)).toEqual(["TEC"]);
  });

  it("extends the plan's years with their periods and refuses to shrink over periods with data", async () => {
    const settings = (startYear: number, endYear: number, extra: Record<string, unknown> = {}) => ({
      name: "Plan Estratégico 2025–2028",
      description: "Plan de prueba",
      startYear,
      endYear,
      status: "active",
      greenThreshold: "90",
      yellowThreshold: "70,5",
      scoreCap: "120",
      ...extra,
    });
    expect(await updatePlanSettings(ctx.planner, planId, settings(2025, 2028))).toEqual({ periodsAdded: 19, periodsRemoved: 0 });
    const stored = await testDb.db.selectFrom("plans").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ end_year: 2028, green_threshold: 90, yellow_threshold: 70.5, score_cap: 120 });

    const indicator = await testDb.db.selectFrom("indicators").select("id").where("code", "=", "M1.1").executeTakeFirstOrThrow();
    const q1 = await testDb.db.selectFrom("periods").select("id").where("plan_id", "=", planId).where("key", "=", "2025-Q1").executeTakeFirstOrThrow();
    await testDb.db.insertInto("targets").values({ indicator_id: indicator.id, period_id: q1.id, value: 10 }).execute();

    const before = await snapshot(testDb.db);
    await expect(updatePlanSettings(ctx.planner, planId, settings(2026, 2028))).rejects.toMatchObject({
      issues: [{ field: "startYear", message: "Año de inicio: no se puede acortar el plan; el año 2025 (1 meta y 0 mediciones) ya tiene datos" }],
    });
    await expect(updatePlanSettings(ctx.planner, planId, settings(2025, 2028, { yellowThreshold: "91" }))).rejects.toMatchObject({
      issues: [{ field: "yellowThreshold", message: "Umbral amarillo (%): no puede ser mayor que el umbral verde" }],
    });
    await expect(updatePlanSettings(ctx.planner, planId, settings(2025, 2028, { scoreCap: "99" }))).rejects.toBeInstanceOf(ValidationError);
    expect(await snapshot(testDb.db)).toEqual(before);

    // The years without data can go: their periods are removed.
    expect(await updatePlanSettings(ctx.planner, planId, settings(2025, 2026))).toEqual({ periodsAdded: 0, periodsRemoved: 38 });
  });

  describe.each(["viewer", "unit_head", "committee"] as const)("a %s", (role) => {
    it("gets ForbiddenError on every write, and nothing changes", async () => {
      const before = await snapshot(testDb.db);
      const writes: (() => Promise<unknown>)[] = [
        () => createPlan(ctx[role], { code: `X-${role}`, name: "x", startYear: 2025, endYear: 2025 }),
        () => updatePlanSettings(ctx[role], planId, { name: "x", startYear: 2025, endYear: 2026, status: "active" }),
        () => createDefinition(ctx[role], planId, { kind: "other", body: "x" }),
        () => createPillar(ctx[role], planId, { code: "X", name: "x", weight: 1, color: "#000000" }),
        () => updatePillar(ctx[role], pillarId, { code: "MOD", name: "x", weight: 1, color: "#000000" }),
        () => deletePillar(ctx[role], pillarId),
        () => createAxis(ctx[role], planId, { code: "X", name: "x", color: "#000000" }),
        () => updateAxis(ctx[role], axisId, { code: "TEC", name: "x", color: "#000000" }),
        () => deleteAxis(ctx[role], axisId),
        () => createObjective(ctx[role], planId, { code: "X", title: "x", pillarId, weight: 1 }),
        () => updateObjective(ctx[role], objectiveId, { code: "OE-M1", title: "x", pillarId, weight: 1 }),
        () => setObjectiveArchive(ctx[role], objectiveId, true),
        () => deleteObjective(ctx[role], objectiveId),
      ];
      const definition = await testDb.db.selectFrom("strategic_definitions").select("id").orderBy("id").executeTakeFirstOrThrow();
      writes.push(
        () => updateDefinition(ctx[role], definition.id, { kind: "mission", body: "x" }),
        () => moveDefinition(ctx[role], definition.id, "down"),
        () => deleteDefinition(ctx[role], definition.id),
      );
      for (const write of writes) {
        await expect(write()).rejects.toBeInstanceOf(ForbiddenError);
      }
      expect(await snapshot(testDb.db)).toEqual(before);
      expect((await getPlanPage(ctx[role], planId)).canEdit).toBe(false);
    });
  });

  it("left one audit event per write, with who, before and after", async () => {
    const events = await auditActions(testDb.db);
    const count = (action: string) => events.filter((event) => event.action === action).length;
    expect({
      "plan.create": count("plan.create"),
      "plan.update": count("plan.update"),
      "definition.create": count("definition.create"),
      "definition.update": count("definition.update"),
      "definition.move": count("definition.move"),
      "definition.delete": count("definition.delete"),
      "pillar.create": count("pillar.create"),
      "pillar.update": count("pillar.update"),
      "pillar.delete": count("pillar.delete"),
      "axis.create": count("axis.create"),
      "axis.update": count("axis.update"),
      "axis.delete": count("axis.delete"),
      "objective.create": count("objective.create"),
      "objective.update": count("objective.update"),
      "objective.archive": count("objective.archive"),
      "objective.unarchive": count("objective.unarchive"),
      "objective.delete": count("objective.delete"),
    }).toEqual({
      "plan.create": 2,
      "plan.update": 2,
      "definition.create": 3,
      "definition.update": 1,
      "definition.move": 1,
      "definition.delete": 1,
      "pillar.create": 2,
      "pillar.update": 1,
      "pillar.delete": 1,
      "axis.create": 2,
      "axis.update": 1,
      "axis.delete": 1,
      "objective.create": 2,
      "objective.update": 1,
      "objective.archive": 1,
      "objective.unarchive": 1,
      "objective.delete": 1,
    });
    expect(events).toHaveLength(24);
    const pillarUpdate = events.find((event) => event.action === "pillar.update")!;
    expect(pillarUpdate).toMatchObject({
      entity_type: "pillar",
      entity_id: String(pillarId),
      user_id: ctx.planner.actor.id,
      before: { weight: 0.4, description: null },
      after: { weight: 0.5, description: "Datos y servicios digitales." },
    });
    const objectiveUpdate = events.find((event) => event.action === "objective.update")!;
    expect(objectiveUpdate).toMatchObject({ before: { axis_ids: [axisId, spareAxisId], weight: 1 }, after: { axis_ids: [axisId], weight: 2 } });
  });
});
