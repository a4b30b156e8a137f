import { findPeriod, setPeriodStatus } from "../../db/queries/reporting";
import { recordAudit } from "./audit.server";
import { requireCapability, type ServiceContext } from "./context.server";
import { ConflictError, NotFoundError } from "./errors";

/** Opens or closes a reporting period; a closed period refuses reports (see permissions). */
export async function setPeriodOpen(ctx: ServiceContext, periodId: number, open: boolean) {
  requireCapability(ctx, "period.manage");
  await ctx.db.transaction().execute(async (trx) => {
    const period = await findPeriod(trx, periodId);
    if (!period) throw new NotFoundError("El periodo no existe.");
    const status = open ? "open" : "closed";
    if (period.status === status) {
      throw new ConflictError(`El periodo ${period.key} ya está ${open ? "abierto" : "cerrado"}.`);
    }
    await setPeriodStatus(trx, periodId, status, ctx.actor.id);
    await recordAudit(trx, ctx, {
      action: open ? "period.open" : "period.close",
      entityType: "period",
      entityId: periodId,
      before: { status: period.status },
      after: { status },
    });
  });
}
