import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { requireServiceContext } from "~/auth/session.server";
import { ConfirmAction } from "~/components/ConfirmAction";
import { FormMessage, TextAreaField, TextField } from "~/components/fields";
import { issueFor } from "~/domain/validation";
import { planElementAction } from "~/http/plan-element-action.server";
import { rethrowAsResponse, optionalQueryId, requireEditorIdParam } from "~/http/responses.server";
import { createAxis, deleteAxis, getAxisEditor, updateAxis } from "~/services/plan-elements.server";
import styles from "~/styles/plan.css";
import { formatCount } from "~/domain/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.axis ? `Eje ${loaded.axis.name}` : "Nuevo eje transversal"} · Plan · GORE RMS` },
];


export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const id = requireEditorIdParam(params.id, "El eje transversal no existe.");
  const url = new URL(request.url);
  const planId = optionalQueryId(url, "plan", "El plan no existe.");
  try {
    const { plan, axis, tags } = await getAxisEditor(ctx, id, planId);
    return {
      plan: { id: plan.id, name: plan.name, status: plan.status },
      axis,
      tags,
      created: url.searchParams.get("aviso") === "creado",
    };
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const FIELDS = ["code", "name", "description", "color"] as const;
type Field = (typeof FIELDS)[number];

export const action = (args: ActionFunctionArgs) =>
  planElementAction(args, {
    notFound: "El eje transversal no existe.",
    fields: FIELDS,
    editorPath: "/plan/ejes",
    deletedNotice: "eje-eliminado",
    create: createAxis,
    update: updateAxis,
    remove: deleteAxis,
  });

export default function AxisEditor() {
  const { plan, axis, tags, created } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const confirmRef = useRef<HTMLDivElement>(null);
  const failure = result?.kind === "failed" ? result : undefined;
  const saveFailure = failure?.intent === "save" ? failure : undefined;
  const issues = saveFailure?.issues;
  const value = (field: Field, current: string | null) => saveFailure?.values[field] ?? current ?? "";
  const confirming = result?.kind === "confirm";
  const back = plan.status === "active" ? "/plan" : `/plan?plan=${plan.id}`;
  const tagged = tags ? tags.objectives + tags.indicators + tags.commitments : 0;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming, result]);

  return (
    <div className="plan-edit">
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to={back}>Plan</Link> · {axis ? "Eje transversal" : "Nuevo eje transversal"}
        </p>
        <h1>{axis ? axis.name : "Nuevo eje transversal"}</h1>
        <p className="page-header__lead">{plan.name}</p>
      </header>

      {created && !result ? (
        <p className="alert alert--success" role="status">
          Eje transversal creado. Puede asignarlo a objetivos, indicadores y compromisos.
        </p>
      ) : null}
      {failure && !saveFailure ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}

      {confirming && axis ? (
        <ConfirmAction ref={confirmRef} back={back} busy={busyIntent === "delete"} question={<>¿Eliminar el eje transversal «{axis.name}»? No se puede deshacer.</>} />
      ) : null}

      <section className="card" aria-labelledby="axis-form-title">
        <h2 id="axis-form-title">Datos del eje</h2>
        <FormMessage result={result?.kind === "done" ? result : saveFailure} />
        <Form method="post" className="form" noValidate key={String(axis?.updated_at ?? "nuevo")}>
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="planId" value={plan.id} />
          <div className="field-row">
            <TextField
              name="code"
              label="Código"
              hint="Corto y sin espacios, p. ej. EG."
              defaultValue={value("code", axis?.code ?? null)}
              error={issueFor(issues, "code")}
              autoComplete="off"
              required
            />
            <TextField name="name" label="Nombre" defaultValue={value("name", axis?.name ?? null)} error={issueFor(issues, "name")} required />
            <TextField
              name="color"
              label="Color"
              type="color"
              defaultValue={value("color", (axis?.color ?? "#6A6A6A").toLowerCase())}
              error={issueFor(issues, "color")}
            />
          </div>
          <TextAreaField
            name="description"
            label="Descripción"
            defaultValue={value("description", axis?.description ?? null)}
            error={issueFor(issues, "description")}
          />
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busyIntent === "save"}>
              {busyIntent === "save" ? "Guardando…" : axis ? "Guardar cambios" : "Crear eje"}
            </button>
            <Link to={back} className="button">
              {axis ? "Volver al plan" : "Cancelar"}
            </Link>
          </div>
        </Form>
      </section>

      {axis && tags ? (
        <section className="card danger-zone" aria-labelledby="delete-title">
          <h2 id="delete-title">Eliminar eje transversal</h2>
          {tagged > 0 ? (
            <p className="muted" style={{ margin: 0 }}>
              No se puede eliminar: está asignado a {formatCount(tags.objectives, "objetivo", "objetivos")},{" "}
              {formatCount(tags.indicators, "indicador", "indicadores")} y {formatCount(tags.commitments, "compromiso", "compromisos")}.
              Quíteselo a cada uno antes de eliminarlo.
            </p>
          ) : (
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="delete" />
              <p className="muted" style={{ margin: 0 }}>
                Ningún objetivo, indicador ni compromiso usa este eje, así que puede eliminarse.
              </p>
              <div className="button-row">
                <button type="submit" className="button button--danger" disabled={confirming}>
                  Eliminar eje
                </button>
              </div>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}
