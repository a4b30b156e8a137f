import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { requireServiceContext } from "~/auth/session.server";
import { ConfirmAction } from "~/components/ConfirmAction";
import { FormMessage, NumberField, TextAreaField, TextField } from "~/components/fields";
import { issueFor } from "~/domain/validation";
import { planElementAction } from "~/http/plan-element-action.server";
import { rethrowAsResponse, optionalQueryId, requireEditorIdParam } from "~/http/responses.server";
import { createPillar, deletePillar, getPillarEditor, updatePillar } from "~/services/plan-elements.server";
import styles from "~/styles/plan.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.pillar ? `Pilar ${loaded.pillar.name}` : "Nuevo pilar"} · Plan · GORE RMS` },
];


export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const id = requireEditorIdParam(params.id, "El pilar no existe.");
  const url = new URL(request.url);
  const planId = optionalQueryId(url, "plan", "El plan no existe.");
  try {
    const { plan, pillar, dependents } = await getPillarEditor(ctx, id, planId);
    return {
      plan: { id: plan.id, name: plan.name, status: plan.status },
      pillar,
      dependents,
      created: url.searchParams.get("aviso") === "creado",
    };
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const FIELDS = ["code", "name", "governance", "actionLine", "description", "weight", "color"] as const;
type Field = (typeof FIELDS)[number];

export const action = (args: ActionFunctionArgs) =>
  planElementAction(args, {
    notFound: "El pilar no existe.",
    fields: FIELDS,
    editorPath: "/plan/pilares",
    deletedNotice: "pilar-eliminado",
    create: createPillar,
    update: updatePillar,
    remove: deletePillar,
  });

/** A stored weight as a person would type it: es-CL decimals, no thousands separator. */
const weightText = (weight: number) => weight.toLocaleString("es-CL", { useGrouping: false, maximumFractionDigits: 3 });

export default function PillarEditor() {
  const { plan, pillar, dependents, created } = useLoaderData<typeof loader>();
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
  const blockers = dependents ? dependents.objectives + dependents.commitments : 0;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming, result]);

  return (
    <div className="plan-edit">
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to={back}>Plan</Link> · {pillar ? "Pilar" : "Nuevo pilar"}
        </p>
        <h1>{pillar ? pillar.name : "Nuevo pilar"}</h1>
        <p className="page-header__lead">{plan.name}</p>
      </header>

      {created && !result ? (
        <p className="alert alert--success" role="status">
          Pilar creado. Ahora puede agregarle objetivos desde la página del plan.
        </p>
      ) : null}
      {failure && !saveFailure ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}

      {confirming && pillar ? (
        <ConfirmAction ref={confirmRef} back={back} busy={busyIntent === "delete"} question={<>¿Eliminar el pilar «{pillar.name}»? No se puede deshacer.</>} />
      ) : null}

      <section className="card" aria-labelledby="pillar-form-title">
        <h2 id="pillar-form-title">Datos del pilar</h2>
        <FormMessage result={result?.kind === "done" ? result : saveFailure} />
        <Form method="post" className="form" noValidate key={String(pillar?.updated_at ?? "nuevo")}>
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="planId" value={plan.id} />
          <div className="field-row">
            <TextField
              name="code"
              label="Código"
              hint="Corto y sin espacios, p. ej. MOD."
              defaultValue={value("code", pillar?.code ?? null)}
              error={issueFor(issues, "code")}
              autoComplete="off"
              required
            />
            <TextField name="name" label="Nombre" defaultValue={value("name", pillar?.name ?? null)} error={issueFor(issues, "name")} required />
          </div>
          <div className="field-row">
            <TextField
              name="actionLine"
              label="Línea del plan de acción"
              hint="P. ej. «Un GORE 2.0»."
              defaultValue={value("actionLine", pillar?.action_line ?? null)}
              error={issueFor(issues, "actionLine")}
            />
            <TextField
              name="governance"
              label="Gobernanza"
              hint="P. ej. «Gobernanza eficaz»."
              defaultValue={value("governance", pillar?.governance ?? null)}
              error={issueFor(issues, "governance")}
            />
          </div>
          <TextAreaField
            name="description"
            label="Descripción"
            rows={5}
            defaultValue={value("description", pillar?.description ?? null)}
            error={issueFor(issues, "description")}
          />
          <div className="field-row">
            <NumberField
              name="weight"
              label="Peso"
              hint="Relativo a los demás pilares; admite decimales (0,4). No pueden ser todos cero."
              defaultValue={value("weight", pillar ? weightText(pillar.weight) : "1")}
              error={issueFor(issues, "weight")}
              required
            />
            <TextField
              name="color"
              label="Color"
              type="color"
              hint="Identifica al pilar en tableros y gráficos."
              defaultValue={value("color", (pillar?.color ?? "#0F69C4").toLowerCase())}
              error={issueFor(issues, "color")}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busyIntent === "save"}>
              {busyIntent === "save" ? "Guardando…" : pillar ? "Guardar cambios" : "Crear pilar"}
            </button>
            <Link to={back} className="button">
              {pillar ? "Volver al plan" : "Cancelar"}
            </Link>
          </div>
        </Form>
      </section>

      {pillar && dependents ? (
        <section className="card danger-zone" aria-labelledby="delete-title">
          <h2 id="delete-title">Eliminar pilar</h2>
          {blockers > 0 ? (
            <p className="muted" style={{ margin: 0 }}>
              No se puede eliminar: tiene {countText(dependents.objectives, "objetivo", "objetivos")} y{" "}
              {countText(dependents.commitments, "compromiso", "compromisos")}. Trasládelos a otro pilar o elimínelos primero.
            </p>
          ) : (
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="delete" />
              <p className="muted" style={{ margin: 0 }}>
                El pilar no tiene objetivos ni compromisos, así que puede eliminarse.
              </p>
              <div className="button-row">
                <button type="submit" className="button button--danger" disabled={confirming}>
                  Eliminar pilar
                </button>
              </div>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}

const countText = (n: number, one: string, many: string) => `${n.toLocaleString("es-CL")} ${n === 1 ? one : many}`;
