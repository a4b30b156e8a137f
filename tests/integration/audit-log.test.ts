import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../db/schema";
import { verifyPassword } from "../../app/auth/password.server";
import { AUDIT_PAGE_SIZE, listAuditLog } from "../../app/services/audit-log.server";
import type { ServiceContext } from "../../app/services/context.server";
import { ConflictError, ForbiddenError, ValidationError } from "../../app/services/errors";
import { createUser, setUserActivation } from "../../app/services/users.server";
import { openTestDb, type TestDb } from "../support/db";
import { seedDemoWithContexts, type DemoContexts } from "../support/demo-actors";

let testDb: TestDb;
let actors: DemoContexts;

beforeAll(async () => {
  testDb = await openTestDb();
  actors = await seedDemoWithContexts(testDb.db);
  const plannerId = actors.planner.actor.id;
  const adminId = actors.admin.actor.id;
  // 120 events in groups of 20 sharing the exact same instant (one group per day from 1 March 2026,
  // Santiago time), so page boundaries fall inside ties; every 7th event is moved by microseconds,
  // which a cursor rounded to milliseconds would lose.
  await sql`
    INSERT INTO audit_events (occurred_at, user_id, action, entity_type, entity_id, before, after, request_id)
    SELECT timestamptz '2026-03-01 12:00:00-03'
             + (g / 20) * interval '1 day'
             + CASE WHEN g % 7 = 0 THEN g * interval '1 microsecond' ELSE interval '0' END,
           CASE g % 3 WHEN 0 THEN ${plannerId}::int WHEN 1 THEN ${adminId}::int END,
           'test.change',
           CASE WHEN g % 4 = 0 THEN 'test_widget' ELSE 'test_gadget' END,
           g::text,
           jsonb_build_object('value', g - 1, 'label', 'fijo'),
           jsonb_build_object('value', g, 'label', 'fijo'),
           'req-' || g
    FROM generate_series(1, 120) AS g`.execute(testDb.db);
  // Day edges in both of Chile's offsets (-03 in summer, -04 in winter).
  await sql`
    INSERT INTO audit_events (occurred_at, user_id, action, entity_type, entity_id)
    SELECT t, NULL, 'test.edge', 'test_edge', label
    FROM (VALUES
      (timestamptz '2026-03-02 23:59:59.999999-03', 'mar02-end'),
      (timestamptz '2026-03-03 00:00:00-03', 'mar03-start'),
      (timestamptz '2026-03-04 23:59:59.999999-03', 'mar04-end'),
      (timestamptz '2026-03-05 00:00:00-03', 'mar05-start'),
      (timestamptz '2026-07-14 23:59:59.999999-04', 'jul14-end'),
      (timestamptz '2026-07-15 00:00:00-04', 'jul15-start'),
      (timestamptz '2026-07-15 23:59:59.999999-04', 'jul15-end'),
      (timestamptz '2026-07-16 00:00:00-04', 'jul16-start')
    ) AS edges (t, label)`.execute(testDb.db);
});

afterAll(async () => {
  await testDb?.close();
});

type Page = Awaited<ReturnType<typeof listAuditLog>>;

/** Follows "página siguiente" to the end, as a reader would. */
async function readAll(ctx: ServiceContext, filter: Record<string, string | number> = {}) {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await listAuditLog(ctx, { ...filter, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.nextCursor;
    if (pages.length > 100) throw new Error("the cursor does not advance");
  } while (cursor);
  return { pages, events: pages.flatMap((page) => page.events) };
}

describe("audit log", () => {
  it("pages through every event exactly once, newest first", async () => {
    const expected = await testDb.db
      .selectFrom("audit_events")
      .select("id")
      .orderBy("occurred_at", "desc")
      .orderBy("id", "desc")
      .execute();
    expect(expected.length).toBeGreaterThanOrEqual(128);

    const { pages, events } = await readAll(actors.planner);
    expect(events.map((event) => event.id)).toEqual(expected.map((row) => row.id));
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    for (const page of pages.slice(0, -1)) expect(page.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    expect(pages.at(-1)!.events.length).toBeGreaterThan(0);

    // The fixture must really put a page boundary inside a group of equal instants.
    const boundaryInsideTie = pages
      .slice(0, -1)
      .some((page, i) => page.events.at(-1)!.cursor_time === pages[i + 1].events[0].cursor_time);
    expect(boundaryInsideTie).toBe(true);
  });

  it("offers the filter's choices", async () => {
    const page = await listAuditLog(actors.admin, {});
    expect(page.entityTypes).toEqual(expect.arrayContaining(["test_edge", "test_gadget", "test_widget"]));
    expect(page.users.map((user) => user.id)).toContain(actors.planner.actor.id);
    const names = page.users.map((user) => user.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("filters by user", async () => {
    const plannerId = actors.planner.actor.id;
    const { events } = await readAll(actors.planner, { userId: String(plannerId), entityType: "" });
    expect(events).toHaveLength(40);
    expect(events.every((event) => event.user_id === plannerId)).toBe(true);
  });

  it("filters by entity, across pages", async () => {
    const widgets = await readAll(actors.planner, { entityType: "test_widget" });
    expect(widgets.events).toHaveLength(30);
    expect(widgets.pages).toHaveLength(1);
    const gadgets = await readAll(actors.planner, { entityType: "test_gadget" });
    expect(gadgets.events).toHaveLength(90);
    expect(gadgets.pages.map((page) => page.events.length)).toEqual([50, 40]);
    expect(gadgets.events.every((event) => event.entity_type === "test_gadget")).toBe(true);
  });

  it("filters by dates in Santiago time, 'hasta' inclusive", async () => {
    const march = await readAll(actors.planner, { from: "2026-03-03", to: "2026-03-04", entityType: "test_gadget" });
    const marchWidgets = await readAll(actors.planner, { from: "2026-03-03", to: "2026-03-04", entityType: "test_widget" });
    // Groups 2 and 3 (events 40..79) fall on 3 and 4 March.
    expect(march.events.length + marchWidgets.events.length).toBe(40);
    expect(march.events.every((event) => Number(event.entity_id) >= 40 && Number(event.entity_id) <= 79)).toBe(true);

    const summerEdges = await readAll(actors.planner, { from: "2026-03-03", to: "2026-03-04", entityType: "test_edge" });
    expect(summerEdges.events.map((event) => event.entity_id)).toEqual(["mar04-end", "mar03-start"]);

    const winterDay = await readAll(actors.planner, { from: "2026-07-15", to: "2026-07-15", entityType: "test_edge" });
    expect(winterDay.events.map((event) => event.entity_id)).toEqual(["jul15-end", "jul15-start"]);

    const fromOnly = await readAll(actors.planner, { from: "2026-07-16", entityType: "test_edge" });
    expect(fromOnly.events.map((event) => event.entity_id)).toEqual(["jul16-start"]);
  });

  it.each<Role>(["unit_head", "viewer", "committee"])("refuses %s", async (role) => {
    await expect(listAuditLog(actors[role], {})).rejects.toBeInstanceOf(ForbiddenError);
  });

  it.each([
    [{ from: "2026-02-30" }, "from", "Desde:"],
    [{ to: "ayer" }, "to", "Hasta:"],
    [{ from: "2026-03-05", to: "2026-03-01" }, "to", "Hasta:"],
    [{ userId: "abc" }, "userId", "Usuario:"],
    [{ cursor: "2026-03-01_12" }, "cursor", "Página:"],
  ])("rejects the bad filter %j", async (filter, field, label) => {
    const error = await listAuditLog(actors.planner, filter).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    const issue = (error as ValidationError).issues.find((candidate) => candidate.field === field);
    expect(issue?.message.startsWith(label)).toBe(true);
  });
});

describe("users administration", () => {
  it("creates a user with a temporary password that works", async () => {
    const { id, temporaryPassword } = await createUser(actors.admin, {
      email: "temporal@demo.gore.cl",
      name: "Cuenta Temporal",
      role: "viewer",
      password: "",
    });
    expect(temporaryPassword).toMatch(/^\S{16}$/);
    const row = await testDb.db.selectFrom("users").select("password_hash").where("id", "=", id).executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash!, temporaryPassword!)).toBe(true);
    expect(await verifyPassword(row.password_hash!, "otra-cosa-distinta")).toBe(false);
  });

  it("ends a user's sessions when deactivating them", async () => {
    const { id } = await createUser(actors.admin, { email: "sesiones@demo.gore.cl", name: "Con Sesiones", role: "viewer" });
    await testDb.db
      .insertInto("sessions")
      .values({ id: "sesion-de-prueba-1", user_id: id, expires_at: new Date(Date.now() + 3_600_000) })
      .execute();
    await setUserActivation(actors.admin, id, false);
    const sessions = await testDb.db.selectFrom("sessions").select("id").where("user_id", "=", id).execute();
    expect(sessions).toEqual([]);
    const user = await testDb.db.selectFrom("users").select("is_active").where("id", "=", id).executeTakeFirstOrThrow();
    expect(user.is_active).toBe(false);
  });

  it("does not let an admin deactivate themselves", async () => {
    await expect(setUserActivation(actors.admin, actors.admin.actor.id, false)).rejects.toBeInstanceOf(ConflictError);
  });

  it("refuses a unit head without units", async () => {
    const error = await createUser(actors.admin, {
      email: "jefatura.sin.unidad@demo.gore.cl",
      name: "Jefatura Sin Unidad",
      role: "unit_head",
      unitIds: [],
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toContainEqual({
      field: "unitIds",
      message: "Unidades: una jefatura debe tener al menos una unidad",
    });
  });

  it("refuses a duplicate e-mail, naming the field", async () => {
    const error = await createUser(actors.admin, {
      email: "PLANIFICACION@demo.gore.cl",
      name: "Duplicada",
      role: "viewer",
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    const issue = (error as ValidationError).issues.find((candidate) => candidate.field === "email");
    expect(issue?.message).toMatch(/^Correo: /);
  });
});
