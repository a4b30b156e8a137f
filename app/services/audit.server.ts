import type { Transaction } from "kysely";
import { insertAuditEvent } from "../../db/queries/audit";
import type { Database } from "../../db/schema";
import type { ServiceContext } from "./context.server";

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes the audit event inside the caller's transaction: the event exists exactly when the
 * change does, and a failed write leaves neither.
 */
export async function recordAudit(trx: Transaction<Database>, ctx: ServiceContext, change: AuditChange) {
  await insertAuditEvent(trx, {
    userId: ctx.actor.id,
    requestId: ctx.requestId,
    ...change,
  });
}
