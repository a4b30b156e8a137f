import type { ActionFunctionArgs } from "@remix-run/node";
import { requireServiceContext } from "~/auth/session.server";
import { batchResponse } from "~/http/batch.server";
import { saveTargetsBatch } from "~/services/targets-grid.server";

/** The planning grid's save: weights, units and targets in one JSON request (app/domain/grid-batch.ts). */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  return batchResponse(request, (input) => saveTargetsBatch(ctx, input));
}
