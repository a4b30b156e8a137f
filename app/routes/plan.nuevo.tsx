import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireServiceContext } from "~/auth/session.server";
import { FormMessage, NumberField, TextAreaField, TextField } from "~/components/fields";
import { issueFor } from "~/domain/validation";
import { failureResponse, rethrowAsResponse } from "~/http/responses.server";
import { createPlan, newPlanDefaults } from "~/services/plan-structure.server";
import styles from "~/styles/plan.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Nuevo plan · Plan · GORE RMS" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  try {
    return { defaults: newPlanDefaults(ctx) };
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const FIELDS = ["code", "name", "description", "startYear", "endYear", "greenThreshold", "yellowThreshold", "scoreCap"] as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const form = await request.formData();
  const values = Object.fromEntries(FIELDS.map((field) => [field, String(form.get(field) ?? "")])) as Record<
    (typeof FIELDS)[number],
    string
  >;
  try {
    const created = await createPlan(ctx, values);
    return redirect(created.status === "active" ? "/plan?aviso=plan-creado" : `/plan?plan=${created.id}&aviso=plan-borrador`);
  } catch (error) {
    const failure = failureResponse(error);
    return data({ ...failure.data, values }, failure.init ?? undefined);
  }
}

export default function NewPlan() {
  const { defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const issues = result?.issues;
  const value = (field: (typeof FIELDS)[number], fallback: string | number = "") => result?.values[field] ?? String(fallback);

  return (
    <div className="plan-edit">
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to="/plan">Plan</Link> · Nuevo plan
        </p>
        <h1>Nuevo plan estratégico</h1>
        <p className="page-header__lead">
          Al crearlo se generan todos sus periodos de reporte (mensuales, trimestrales, semestrales y anuales), abiertos. Si ya hay un
          plan activo, el nuevo queda como borrador.
        </p>
      </header>

      <section className="card" aria-labelledby="new-plan-title">
        <h2 id="new-plan-title" className="visually-hidden">
          Datos del plan
        </h2>
        <FormMessage result={result} />
        <Form method="post" className="form" noValidate>
          <div className="field-row">
            <TextField
              name="code"
              label="Código"
              hint="Sin espacios ni tildes, p. ej. PE-2027."
              defaultValue={value("code")}
              error={issueFor(issues, "code")}
              autoComplete="off"
              required
            />
            <TextField
              name="name"
              label="Nombre"
              defaultValue={value("name")}
              error={issueFor(issues, "name")}
              required
            />
          </div>
          <TextAreaField name="description" label="Descripción" defaultValue={value("description")} error={issueFor(issues, "description")} />
          <div className="field-row">
            <NumberField
              name="startYear"
              label="Año de inicio"
              inputMode="numeric"
              defaultValue={value("startYear", defaults.startYear)}
              error={issueFor(issues, "startYear")}
              required
            />
            <NumberField
              name="endYear"
              label="Año de término"
              inputMode="numeric"
              defaultValue={value("endYear", defaults.endYear)}
              error={issueFor(issues, "endYear")}
              required
            />
          </div>
          <fieldset className="form-section">
            <legend>Semáforo y tope de cumplimiento</legend>
            <p className="form-section__hint">
              Un indicador está cumplido desde el umbral verde, en riesgo desde el amarillo y no cumplido bajo este. El tope limita el
              cumplimiento que cuenta para el puntaje.
            </p>
            <div className="field-row">
              <NumberField
                name="greenThreshold"
                label="Umbral verde (%)"
                defaultValue={value("greenThreshold", defaults.greenThreshold)}
                error={issueFor(issues, "greenThreshold")}
              />
              <NumberField
                name="yellowThreshold"
                label="Umbral amarillo (%)"
                defaultValue={value("yellowThreshold", defaults.yellowThreshold)}
                error={issueFor(issues, "yellowThreshold")}
              />
              <NumberField
                name="scoreCap"
                label="Tope de cumplimiento (%)"
                defaultValue={value("scoreCap", defaults.scoreCap)}
                error={issueFor(issues, "scoreCap")}
              />
            </div>
          </fieldset>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? "Creando…" : "Crear plan"}
            </button>
            <Link to="/plan" className="button">
              Cancelar
            </Link>
          </div>
        </Form>
      </section>
    </div>
  );
}
