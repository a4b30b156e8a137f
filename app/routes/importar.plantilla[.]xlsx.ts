import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireServiceContext } from "~/auth/session.server";
import { rethrowAsResponse } from "~/http/responses.server";
import { getImportTemplate } from "~/services/import.server";

/**
 * `/importar/plantilla.xlsx`: the import template of the current plan (planners and admins);
 * `?con-datos=1` fills it with the plan's objectives, indicators, targets and measurements.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const filled = new URL(request.url).searchParams.get("con-datos") === "1";
  try {
    const { fileName, bytes } = await getImportTemplate(ctx, { filled });
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "Content-Length": String(bytes.length),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    rethrowAsResponse(error);
  }
}
