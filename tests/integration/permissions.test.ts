import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertMeasurement } from "../../db/queries/reporting";
import type { Role } from "../../db/schema";
import { recordAudit } from "../../app/services/audit.server";
import { ConflictError, ForbiddenError } from "../../app/services/errors";
import { updateIndicator } from "../../app/services/indicators.server";
import { saveMeasurement } from "../../app/services/measurements.server";
import { saveMilestoneProgress } from "../../app/services/milestones.server";
import { setPeriodOpen } from "../../app/services/periods.server";
import { setTarget } from "../../app/services/targets.server";
import { createUser } from "../../app/services/users.server";
import type { ServiceContext } from "../../app/services/context.server";
import { openTestDb, type TestDb } from "../support/db";
import {
  countAuditEvents,
  findMilestoneOf,
  findReportingCase,
  reportWithCurrentVersion,
  seedDemoWithContexts,
  type DemoContexts,
} from "../support/demo-actors";

type Case = Awaited<ReturnType<typeof findReportingCase>>;
interface World {
  own: Case;
  other: Case;
  ownMilestone: number;
  otherMilestone: number;
  unitId: number;
}

/** Each write service, with what it takes; `undo` puts back state the next role relies on. */
const WRITES: Record<string, { run: (ctx: ServiceContext, world: World, role: Role) => Promise<unknown>; undo?: (admin: ServiceContext, world: World) => Promise<unknown> }> = {
  "measurement, own unit, open period": {
    run: (ctx, w) => reportWithCurrentVersion(ctx, { indicatorId: w.own.indicator.id, periodId: w.own.openPeriod.id, value: 12 }),
  },
  "measurement, another unit, open period": {
    run: (ctx, w) => reportWithCurrentVersion(ctx, { indicatorId: w.other.indicator.id, periodId: w.other.openPeriod.id, value: 7 }),
  },
  "measurement, own unit, closed period": {
    run: (ctx, w) => reportWithCurrentVersion(ctx, { indicatorId: w.own.indicator.id, periodId: w.own.closedPeriod.id, value: 5 }),
  },
  "milestone progress, own unit": {
    run: (ctx, w) => saveMilestoneProgress(ctx, { milestoneId: w.ownMilestone, progress: 40, state: "in_progress" }),
  },
  "milestone progress, another unit": {
    run: (ctx, w) => saveMilestoneProgress(ctx, { milestoneId: w.otherMilestone, progress: 60, state: "in_progress" }),
  },
  "indicator definition": {
    run: (ctx, w) => updateIndicator(ctx, w.own.indicator.id, { name: "Indicador editado", weight: 2, responsibleUnitId: w.unitId }),
  },
  "target, open period": {
    run: (ctx, w) => setTarget(ctx, { indicatorId: w.own.indicator.id, periodId: w.own.openPeriod.id, value: 30 }),
  },
  "target, closed period": {
    run: (ctx, w) => setTarget(ctx, { indicatorId: w.own.indicator.id, periodId: w.own.closedPeriod.id, value: 31 }),
  },
  "period close": {
    run: (ctx, w) => setPeriodOpen(ctx, w.other.openPeriod.id, false),
    undo: (admin, w) => setPeriodOpen(admin, w.other.openPeriod.id, true),
  },
  "user administration": {
    run: (ctx, _w, role) =>
      createUser(ctx, { email: `nuevo.${role}@demo.gore.cl`, name: `Creado por ${role}`, role: "viewer" }),
  },
};

const Y = true;
const N = false;
//                                                   admin planner committee unit_head viewer
const MATRIX: Record<keyof typeof WRITES, [boolean, boolean, boolean, boolean, boolean]> = {
  "measurement, own unit, open period": /*        */ [Y, Y, N, Y, N],
  "measurement, another unit, open period": /*    */ [Y, Y, N, N, N],
  "measurement, own unit, closed period": /*      */ [Y, N, N, N, N],
  "milestone progress, own unit": /*              */ [Y, Y, N, Y, N],
  "milestone progress, another unit": /*          */ [Y, Y, N, N, N],
  "indicator definition": /*                      */ [Y, Y, N, N, N],
  "target, open period": /*                       */ [Y, Y, N, N, N],
  "target, closed period": /*                     */ [Y, N, N, N, N],
  "period close": /*                              */ [Y, Y, N, N, N],
  "user administration": /*                       */ [Y, N, N, N, N],
};
const ROLE_ORDER: Role[] = ["admin", "planner", "committee", "unit_head", "viewer"];

describe("permission matrix: every role times every write service", () => {
  let testDb: TestDb;
  let contexts: DemoContexts;
  let world: World;

  beforeAll(async () => {
    testDb = await openTestDb();
    contexts = await seedDemoWithContexts(testDb.db);
    const own = await findReportingCase(testDb.db, true);
    const other = await findReportingCase(testDb.db, false);
    world = {
      own,
      other,
      ownMilestone: (await findMilestoneOf(testDb.db, true)).id,
      otherMilestone: (await findMilestoneOf(testDb.db, false)).id,
      unitId: own.indicator.responsible_unit_id,
    };
  });
  afterAll(() => testDb.close());

  const cases = Object.entries(MATRIX).flatMap(([write, row]) =>
    ROLE_ORDER.map((role, index) => ({ write, role, allowed: row[index] })),
  );

  it.each(cases)("$write by $role: allowed=$allowed", async ({ write, role, allowed }) => {
    const { run, undo } = WRITES[write];
    const auditBefore = await countAuditEvents(testDb.db);
    const attempt = run(contexts[role], world, role);
    if (allowed) {
      await expect(attempt).resolves.not.toThrow();
      expect(await countAuditEvents(testDb.db)).toBe(auditBefore + 1);
      const event = await testDb.db
        .selectFrom("audit_events")
        .select(["user_id", "request_id"])
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(event).toEqual({ user_id: contexts[role].actor.id, request_id: `test-${role}` });
      if (undo) await undo(contexts.admin, world);
    } else {
      await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
      expect(await countAuditEvents(testDb.db)).toBe(auditBefore);
    }
  });

  it("says in Spanish why a unit head may not report for another unit or a closed period", async () => {
    await expect(
      saveMeasurement(contexts.unit_head, { indicatorId: world.other.indicator.id, periodId: world.other.openPeriod.id, value: 1 }),
    ).rejects.toThrow("pertenece a otra unidad");
    await expect(
      saveMeasurement(contexts.unit_head, { indicatorId: world.own.indicator.id, periodId: world.own.closedPeriod.id, value: 1 }),
    ).rejects.toThrow(`El periodo ${world.own.closedPeriod.key} está cerrado`);
  });

  it("refuses to change a reported value without its current version, and changes it with it", async () => {
    await reportWithCurrentVersion(contexts.planner, { indicatorId: world.own.indicator.id, periodId: world.own.openPeriod.id, value: 21 });
    const blind = saveMeasurement(contexts.planner, { indicatorId: world.own.indicator.id, periodId: world.own.openPeriod.id, value: 22 });
    await expect(blind).rejects.toBeInstanceOf(ConflictError);
    await expect(blind).rejects.toThrow("recargue y vuelva a ingresarla");
    const saved = await reportWithCurrentVersion(contexts.planner, { indicatorId: world.own.indicator.id, periodId: world.own.openPeriod.id, value: 23 });
    expect(saved.value).toBe(23);

    // The write itself keeps to the version read: a change that got in after the check is left alone.
    const write = {
      indicatorId: world.own.indicator.id,
      periodId: world.own.openPeriod.id,
      numerator: null,
      denominator: null,
      value: 24,
      valueWomen: null,
      valueMen: null,
      comment: null,
      evidenceUrl: null,
      reportedBy: contexts.planner.actor.id,
    };
    await expect(upsertMeasurement(testDb.db, { ...write, expectedVersion: saved.version - 1 })).resolves.toBeNull();
    await expect(upsertMeasurement(testDb.db, { ...write, expectedVersion: null })).resolves.toBeNull();
    await expect(upsertMeasurement(testDb.db, { ...write, expectedVersion: saved.version })).resolves.toBe(saved.version + 1);
  });

  it("leaves the value untouched when a write is refused", async () => {
    const read = () =>
      testDb.db
        .selectFrom("measurements")
        .select(["value", "version"])
        .where("indicator_id", "=", world.other.indicator.id)
        .where("period_id", "=", world.other.openPeriod.id)
        .executeTakeFirst();
    const before = await read();
    await expect(
      saveMeasurement(contexts.unit_head, { indicatorId: world.other.indicator.id, periodId: world.other.openPeriod.id, value: 999 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await read()).toEqual(before);
  });

  it("rolls the audit event back with a write that fails in the same transaction", async () => {
    const before = await countAuditEvents(testDb.db);
    await expect(
      testDb.db.transaction().execute(async (trx) => {
        await recordAudit(trx, contexts.admin, { action: "test.write", entityType: "test", entityId: 1 });
        await trx.insertInto("milestones").values({ commitment_id: -1, title: "x", due_date: "2025-01-01" }).execute();
      }),
    ).rejects.toThrow();
    expect(await countAuditEvents(testDb.db)).toBe(before);
  });
});
