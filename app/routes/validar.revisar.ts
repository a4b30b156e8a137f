import type { ActionFunctionArgs } from "@remix-run/node";
import { requireServiceContext } from "~/auth/session.server";
import { batchResponse } from "~/http/batch.server";
import { reviewMeasurements } from "~/services/validation-grid.server";

/** Approves or returns the chosen measurements: `{ decision, note, items: [{ row, version }] }` as JSON. */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  return batchResponse(request, (input) => reviewMeasurements(ctx, input));
}
