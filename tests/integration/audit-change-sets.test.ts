import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAuditEvents, type AuditEventInput } from "../../db/queries/audit";
import { listIndicatorAudit } from "../../db/queries/indicators";
import { openTestDb, type TestDb } from "../support/db";
import { latestAuditOf, seedDemoWithContexts, type DemoContexts } from "../support/demo-actors";
import { countingDb } from "../support/query-counter";

describe("audit change sets (insertAuditEvents)", () => {
  let testDb: TestDb;
  let actors: DemoContexts;

  beforeAll(async () => {
    testDb = await openTestDb();
    actors = await seedDemoWithContexts(testDb.db);
  });
  afterAll(() => testDb.close());

  const eventsOf = (requestId: string) =>
    testDb.db.selectFrom("audit_events").select(["action", "entity_type", "entity_id", "entity_ids"]).where("request_id", "=", requestId).orderBy("id").execute();

  it("writes many records of one kind and action as one change set, and a lone one as an event of its own, in one statement", async () => {
    const userId = actors.planner.actor.id;
    const event = (action: string, entityType: string, entityId: string | null, value: number): AuditEventInput => ({
      userId,
      requestId: "req-sets",
      action,
      entityType,
      entityId,
      before: { value: value - 1 },
      after: { value },
    });
    const { db, counter } = countingDb(testDb.db);
    await insertAuditEvents(db, [
      event("target.set", "target", "7:1", 1),
      event("target.set", "target", 'raro"\\id', 2),
      event("target.delete", "target", "7:3", 3),
      event("plan.update", "plan", null, 4),
      event("plan.update", "plan", null, 5),
    ]);
    expect(counter.count).toBe(1);
    const events = await eventsOf("req-sets");
    expect(events).toHaveLength(4);
    expect(events.find((row) => row.action === "target.set")).toMatchObject({ entity_id: null, entity_ids: ["7:1", 'raro"\\id'] });
    expect(events.find((row) => row.action === "target.delete")).toMatchObject({ entity_id: "7:3", entity_ids: null });
    expect(events.filter((row) => row.action === "plan.update")).toHaveLength(2);
    // Each record keeps its own before and after, quotes and backslashes included.
    expect(await latestAuditOf(testDb.db, "target", 'raro"\\id')).toMatchObject({ change_set: true, before: { value: 1 }, after: { value: 2 } });
  });

  it("shows an indicator's part of a change set of indicators in its history", async () => {
    const [first, second] = await testDb.db.selectFrom("indicators").select("id").orderBy("id").limit(2).execute();
    await insertAuditEvents(
      testDb.db,
      [first, second].map((indicator, index) => ({
        userId: actors.planner.actor.id,
        requestId: "req-indicators",
        action: "indicator.update",
        entityType: "indicator",
        entityId: indicator.id,
        before: { weight: index },
        after: { weight: index + 10 },
      })),
    );
    const history = await listIndicatorAudit(testDb.db, second.id, 20);
    expect(history[0]).toMatchObject({ action: "indicator.update", entity_type: "indicator", entity_id: String(second.id), before: { weight: 1 }, after: { weight: 11 } });
    expect(history.filter((row) => row.entity_id === String(first.id))).toEqual([]);
  });

  it("keeps the events of a record written twice in one request apart", async () => {
    const twice: AuditEventInput[] = [1, 2].map((value) => ({
      userId: actors.admin.actor.id,
      requestId: "req-twice",
      action: "indicator.update",
      entityType: "indicator",
      entityId: 42,
      after: { value },
    }));
    await insertAuditEvents(testDb.db, [...twice, { ...twice[0], entityId: 43 }]);
    const events = await eventsOf("req-twice");
    expect(events.map((row) => row.entity_id)).toEqual(["42", "42", "43"]);
    const shapes = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE entity_ids IS NOT NULL AND request_id = 'req-twice'`.execute(testDb.db);
    expect(shapes.rows[0].n).toBe(0);
  });
});
