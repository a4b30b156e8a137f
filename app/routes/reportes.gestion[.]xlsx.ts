import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireServiceContext } from "~/auth/session.server";
import { rethrowAsResponse } from "~/http/responses.server";
import { downloadManagementReport } from "~/services/management-report.server";

/**
 * `/reportes/gestion.xlsx?periodo=2024-12&pilar=&unidad=&eje=&reportados=1`: the management
 * report, streamed. A refusal (403) or a bad filter (422) arrives before any byte of the file,
 * as a plain Spanish message.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  try {
    return await downloadManagementReport(ctx, query);
  } catch (error) {
    rethrowAsResponse(error);
  }
}
