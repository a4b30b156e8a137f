import type { ActionFunctionArgs } from "@remix-run/node";
import { requireServiceContext } from "~/auth/session.server";
import { batchResponse } from "~/http/batch.server";
import { saveReportingBatch } from "~/services/reporting-grid.server";

/** The reporting grid's save: all the edited cells in one JSON request (see app/domain/grid-batch.ts). */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  return batchResponse(request, (input) => saveReportingBatch(ctx, input));
}
