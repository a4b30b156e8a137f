import { findMilestoneFacts, updateMilestoneProgress } from "../../db/queries/reporting";
import { decideMilestoneWrite } from "../domain/permissions";
import { MILESTONE_FIELD_LABELS, milestoneProgressSchema } from "../domain/schemas/reporting";
import { parseInput } from "../domain/validation";
import { recordAudit } from "./audit.server";
import { assertAllowed, type ServiceContext } from "./context.server";
import { ConflictError, NotFoundError, ValidationError } from "./errors";

/** Reports a milestone's progress and state; the same unit rule and version check as measurements. */
export async function saveMilestoneProgress(ctx: ServiceContext, input: unknown) {
  const parsed = parseInput(milestoneProgressSchema, input, MILESTONE_FIELD_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const data = parsed.data;

  return ctx.db.transaction().execute(async (trx) => {
    const milestone = await findMilestoneFacts(trx, data.milestoneId);
    if (!milestone) throw new NotFoundError("El hito no existe.");
    assertAllowed(decideMilestoneWrite(ctx.actor, { responsibleUnitId: milestone.responsible_unit_id }));
    if (data.version != null && data.version !== milestone.version) {
      throw new ConflictError(`Otra persona modificó el hito «${milestone.title}».`);
    }
    const version = await updateMilestoneProgress(trx, data.milestoneId, {
      progress: data.progress,
      state: data.state,
      evidenceUrl: data.evidenceUrl,
      comment: data.comment,
      updatedBy: ctx.actor.id,
    });
    await recordAudit(trx, ctx, {
      action: "milestone.progress",
      entityType: "milestone",
      entityId: data.milestoneId,
      before: { progress: milestone.progress, state: milestone.state, evidence_url: milestone.evidence_url, comment: milestone.comment, version: milestone.version },
      after: { progress: data.progress, state: data.state, evidence_url: data.evidenceUrl, comment: data.comment, version },
    });
    return { version };
  });
}
