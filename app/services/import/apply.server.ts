import type { Transaction } from "kysely";
import { insertAuditEvents, type AuditEventInput } from "../../../db/queries/audit";
import { upsertIndicators, upsertMeasurements, upsertObjectives, upsertTargets } from "../../../db/queries/import";
import type { Database } from "../../../db/schema";
import { slotKey } from "../../domain/import-references";
import type { ServiceContext } from "../context.server";
import { ConflictError } from "../errors";
import type { PendingAudit, PlannedImport, StoredUpload } from "./types";

const IMPORT_ACTION = "import.apply";

/**
 * The planned writes: one statement per kind of record, then one multi-row audit insert (an
 * event per changed record and one for the import). A count that falls short means a record
 * changed between the locked check and the write; the transaction rolls back.
 */
export async function writePlanned(trx: Transaction<Database>, ctx: ServiceContext, upload: StoredUpload, planned: PlannedImport) {
  const planId = upload.plan_id;
  const objectives = await upsertObjectives(trx, planId, planned.writes.objectives);
  const indicators = await upsertIndicators(trx, planId, planned.writes.indicators);
  const targets = await upsertTargets(trx, planId, planned.writes.targets, ctx.actor.id);
  const measurements = await upsertMeasurements(trx, planId, planned.writes.measurements, ctx.actor.id);
  if (
    objectives.length !== planned.writes.objectives.length ||
    indicators.length !== planned.writes.indicators.length ||
    targets.length !== planned.writes.targets.length ||
    measurements.length !== planned.writes.measurements.length
  ) {
    throw new ConflictError("Otra persona cambió estos datos mientras se aplicaba la importación; vuelva a revisar la vista previa y aplique de nuevo.");
  }

  const objectiveIds = new Map(objectives.map((row) => [row.code, row.id]));
  const indicatorIds = new Map(indicators.map((row) => [row.code, row.id]));
  const slotIds = new Map([...targets, ...measurements].map((row) => [slotKey(row.indicator_code, String(row.period_id)), row.indicator_id]));
  const entityId = (audit: PendingAudit): string => {
    switch (audit.entityType) {
      case "objective":
        return String(objectiveIds.get(audit.code));
      case "indicator":
        return String(indicatorIds.get(audit.code));
      default:
        return `${slotIds.get(slotKey(audit.code, String(audit.periodId)))}:${audit.periodId}`;
    }
  };
  const events: AuditEventInput[] = planned.audits.map((audit) => ({
    userId: ctx.actor.id,
    requestId: ctx.requestId,
    action: IMPORT_ACTION,
    entityType: audit.entityType,
    entityId: entityId(audit),
    before: audit.before,
    after: audit.after,
  }));
  events.push({
    userId: ctx.actor.id,
    requestId: ctx.requestId,
    action: IMPORT_ACTION,
    entityType: "import",
    entityId: upload.id,
    before: null,
    after: { file_name: upload.file_name, sha256: upload.sha256, plan_id: planId, plan_code: upload.plan_code, counts: planned.counts },
  });
  await insertAuditEvents(trx, events);
}
