import type { ActionFunctionArgs } from "@remix-run/node";
import { requireServiceContext } from "~/auth/session.server";
import { batchResponse } from "~/http/batch.server";
import { saveMilestonesBatch } from "~/services/milestones-grid.server";

/** The milestones grid's save: progress, state, dates and evidence in one JSON request (app/domain/grid-batch.ts). */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  return batchResponse(request, (input) => saveMilestonesBatch(ctx, input));
}
