import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireServiceContext } from "~/auth/session.server";
import { FormMessage, NumberField, SelectField, TextAreaField, TextField } from "~/components/fields";
import { parseIdParam, PLAN_STATUS_LABELS, PLAN_STATUSES } from "~/domain/schemas/plan-structure";
import { issueFor } from "~/domain/validation";
import { failureResponse, rethrowAsResponse, optionalQueryId } from "~/http/responses.server";
import { getPlanSettings, updatePlanSettings } from "~/services/plan-structure.server";
import styles from "~/styles/plan.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `Ajustes · ${loaded?.plan.name ?? "Plan"} · GORE RMS` },
];


export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const url = new URL(request.url);
  const planId = optionalQueryId(url, "plan", "El plan no existe.");
  try {
    const { plan, plans } = await getPlanSettings(ctx, planId);
    return {
      plan,
      plans: plans.map((p) => ({ id: p.id, name: p.name, status: p.status })),
      saved: savedMessage(url.searchParams),
    };
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const FIELDS = ["name", "description", "startYear", "endYear", "status", "greenThreshold", "yellowThreshold", "scoreCap"] as const;
type Field = (typeof FIELDS)[number];

/**
 * After a save the page reloads by the plan's id (a plan just moved out of "active" is no
 * longer the current one); the message is rebuilt from counts only, never from free text.
 */
function savedMessage(params: URLSearchParams): string | null {
  if (params.get("guardado") !== "1") return null;
  const count = (name: string) => {
    const value = Number(params.get(name) ?? "0");
    return Number.isInteger(value) && value > 0 && value < 100_000 ? value : 0;
  };
  const added = count("agregados");
  const removed = count("quitados");
  const parts = [
    added > 0 ? `se agregaron ${added} periodos de reporte` : "",
    removed > 0 ? `se quitaron ${removed} periodos sin datos` : "",
  ].filter(Boolean);
  return `Cambios guardados.${parts.length > 0 ? ` Además, ${parts.join(" y ")}.` : ""}`;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const form = await request.formData();
  const planId = parseIdParam(String(form.get("planId") ?? ""));
  if (planId == null) throw new Response("El plan no existe.", { status: 404 });
  const values = Object.fromEntries(FIELDS.map((field) => [field, String(form.get(field) ?? "")])) as Record<Field, string>;
  try {
    const { periodsAdded, periodsRemoved } = await updatePlanSettings(ctx, planId, values);
    return redirect(`/plan/ajustes?plan=${planId}&guardado=1&agregados=${periodsAdded}&quitados=${periodsRemoved}`);
  } catch (error) {
    const failure = failureResponse(error);
    return data({ ...failure.data, values }, failure.init ?? undefined);
  }
}

/** A stored value as a person would type it back: es-CL decimals, no thousands separator. */
const plainText = (value: string | number | null) =>
  typeof value === "number" ? value.toLocaleString("es-CL", { useGrouping: false, maximumFractionDigits: 4 }) : (value ?? "");

export default function PlanSettings() {
  const { plan, plans, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const issues = result?.issues;
  const failed = result?.values ?? null;
  const value = (field: Field, current: string | number | null) => failed?.[field] ?? plainText(current);
  const back = plan.status === "active" ? "/plan" : `/plan?plan=${plan.id}`;
  const others = plans.filter((p) => p.id !== plan.id);

  return (
    <div className="plan-edit">
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to={back}>Plan</Link> · Ajustes
        </p>
        <h1>Ajustes del plan</h1>
        <p className="page-header__lead">
          {plan.name} · código <strong>{plan.code}</strong>
        </p>
      </header>

      <section className="card" aria-labelledby="settings-title">
        <h2 id="settings-title" className="visually-hidden">
          Datos y puntaje del plan
        </h2>
        <FormMessage result={result ?? (saved ? { ok: true, message: saved } : null)} />
        {/* A fresh form after each save, so it shows what the server kept. */}
        <Form method="post" className="form" noValidate key={String(plan.updated_at)}>
          <input type="hidden" name="planId" value={plan.id} />
          <TextField name="name" label="Nombre" defaultValue={value("name", plan.name)} error={issueFor(issues, "name")} required />
          <TextAreaField
            name="description"
            label="Descripción"
            defaultValue={value("description", plan.description)}
            error={issueFor(issues, "description")}
          />
          <div className="field-row">
            <NumberField
              name="startYear"
              label="Año de inicio"
              inputMode="numeric"
              defaultValue={value("startYear", plan.start_year)}
              error={issueFor(issues, "startYear")}
              required
            />
            <NumberField
              name="endYear"
              label="Año de término"
              inputMode="numeric"
              defaultValue={value("endYear", plan.end_year)}
              error={issueFor(issues, "endYear")}
              required
            />
            <SelectField
              name="status"
              label="Estado"
              choices={PLAN_STATUSES.map((status) => ({ value: status, label: PLAN_STATUS_LABELS[status] }))}
              defaultValue={value("status", plan.status)}
              error={issueFor(issues, "status")}
            />
          </div>
          <p className="form-section__hint">
            Al ampliar los años se crean sus periodos de reporte. Al acortarlos se quitan los periodos que quedan fuera, siempre que no
            tengan metas ni mediciones.
          </p>
          <fieldset className="form-section">
            <legend>Semáforo y tope de cumplimiento</legend>
            <p className="form-section__hint">
              El umbral amarillo no puede superar al verde; el tope es de al menos 100 %.
            </p>
            <div className="field-row">
              <NumberField
                name="greenThreshold"
                label="Umbral verde (%)"
                defaultValue={value("greenThreshold", plan.green_threshold)}
                error={issueFor(issues, "greenThreshold")}
              />
              <NumberField
                name="yellowThreshold"
                label="Umbral amarillo (%)"
                defaultValue={value("yellowThreshold", plan.yellow_threshold)}
                error={issueFor(issues, "yellowThreshold")}
              />
              <NumberField
                name="scoreCap"
                label="Tope de cumplimiento (%)"
                defaultValue={value("scoreCap", plan.score_cap)}
                error={issueFor(issues, "scoreCap")}
              />
            </div>
          </fieldset>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? "Guardando…" : "Guardar cambios"}
            </button>
            <Link to={back} className="button">
              Volver al plan
            </Link>
          </div>
        </Form>
      </section>

      {others.length > 0 ? (
        <section className="card" aria-labelledby="other-settings-title">
          <h2 id="other-settings-title">Ajustes de otros planes</h2>
          <ul className="other-plans">
            {others.map((other) => (
              <li key={other.id}>
                <Link to={`/plan/ajustes?plan=${other.id}`}>{other.name}</Link>{" "}
                <span className={`tag plan-status plan-status--${other.status}`}>{PLAN_STATUS_LABELS[other.status]}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
