import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireServiceContext } from "~/auth/session.server";
import { parseIdParam } from "~/domain/schemas/plan-structure";
import type { ServiceContext } from "~/services/context.server";
import { failureResponse, requireEditorIdParam } from "./responses.server";

/** A plan element edited on its own page with "save" and a confirmed "delete": pillars and axes. */
export interface PlanElementEditor<Field extends string> {
  /** "El pilar no existe." */
  notFound: string;
  fields: readonly Field[];
  /** "/plan/pilares": where a new element's editor lives. */
  editorPath: string;
  /** The notice the plan page shows after a delete: "pilar-eliminado". */
  deletedNotice: string;
  create(ctx: ServiceContext, planId: number, values: Record<Field, string>): Promise<number>;
  update(ctx: ServiceContext, id: number, values: Record<Field, string>): Promise<unknown>;
  remove(ctx: ServiceContext, id: number): Promise<unknown>;
}

/**
 * The editor page's action: parse the form, call the element's service, answer what the page
 * shows (done, a confirmation to ask, or the failure with the typed values kept). Services own
 * permissions, transactions and audit.
 */
export async function planElementAction<Field extends string>(
  { request, context, params }: ActionFunctionArgs,
  editor: PlanElementEditor<Field>,
) {
  const ctx = await requireServiceContext(request, context);
  const id = requireEditorIdParam(params.id, editor.notFound);
  const form = await request.formData();
  const intent = form.get("intent");
  const values = Object.fromEntries(editor.fields.map((field) => [field, String(form.get(field) ?? "")])) as Record<Field, string>;
  const back = String(form.get("back") ?? "");
  const backToPlan = /^\/plan\?plan=\d{1,10}$/.test(back) ? back : "/plan";
  try {
    if (intent === "save") {
      if (id == null) {
        const planId = parseIdParam(String(form.get("planId") ?? ""));
        if (planId == null) throw new Response("El plan no existe.", { status: 404 });
        const created = await editor.create(ctx, planId, values);
        return redirect(`${editor.editorPath}/${created}?aviso=creado`);
      }
      await editor.update(ctx, id, values);
      return { kind: "done" as const, ok: true as const, message: "Cambios guardados.", intent, values: null, issues: [] };
    }
    if (intent === "delete" && id != null) {
      if (form.get("confirm") !== "yes") return { kind: "confirm" as const, ok: true as const, message: "", intent, values: null, issues: [] };
      await editor.remove(ctx, id);
      return redirect(`${backToPlan}${backToPlan.includes("?") ? "&" : "?"}aviso=${editor.deletedNotice}`);
    }
    throw new Response("Acción desconocida.", { status: 400 });
  } catch (error) {
    const failure = failureResponse(error);
    return data({ kind: "failed" as const, intent, values, ...failure.data }, failure.init ?? undefined);
  }
}
