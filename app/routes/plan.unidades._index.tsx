import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireServiceContext } from "~/auth/session.server";
import { SelectField, TextField } from "~/components/fields";
import { formatCount, formatInteger } from "~/domain/format";
import { UNIT_KIND_CHOICES, UNIT_KIND_LABELS } from "~/domain/schemas/units";
import { indentedUnitChoices, type UnitNode } from "~/domain/unit-tree";
import { issueFor } from "~/domain/validation";
import { failureResponse, rethrowAsResponse } from "~/http/responses.server";
import { createUnit, getUnitsPage } from "~/services/units.server";
import styles from "~/styles/periods.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Unidades · Plan · GORE RMS" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  try {
    return await getUnitsPage(ctx);
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const form = await request.formData();
  const values = {
    code: text(form.get("code")),
    name: text(form.get("name")),
    kind: text(form.get("kind")),
    parentId: text(form.get("parentId")),
  };
  try {
    const id = await createUnit(ctx, values);
    return { ok: true as const, id, code: values.code.trim().toUpperCase(), name: values.name.trim() };
  } catch (error) {
    const failure = failureResponse(error);
    return data({ ...failure.data, values }, failure.init ?? undefined);
  }
}

type Row = Awaited<ReturnType<typeof getUnitsPage>>["roots"][number]["unit"];


function UnitItems({ nodes }: { nodes: readonly UnitNode<Row>[] }) {
  return (
    <>
      {nodes.map(({ unit, children }) => (
        <li key={unit.id}>
          <div className={`unit-row${unit.is_active ? "" : " unit-row--inactive"}`}>
            <span className="unit-row__code">{unit.code}</span>
            <span className="unit-row__name">
              <Link to={`/plan/unidades/${unit.id}`}>{unit.name}</Link>
            </span>
            <span className="unit-row__tags">
              <span className="tag">{UNIT_KIND_LABELS[unit.kind]}</span>
              <span className={`tag${unit.is_active ? "" : " tag--inactive"}`}>{unit.is_active ? "Activa" : "Inactiva"}</span>
            </span>
            <dl className="unit-counts">
              <div>
                <dt>Indicadores</dt>
                <dd>{formatInteger(unit.indicator_count)}</dd>
              </div>
              <div>
                <dt>Compromisos</dt>
                <dd>{formatInteger(unit.commitment_count)}</dd>
              </div>
              <div>
                <dt>Jefaturas</dt>
                <dd>{formatInteger(unit.head_count)}</dd>
              </div>
            </dl>
          </div>
          {children.length > 0 ? (
            <ul aria-label={`Dependen de ${unit.name}`}>
              <UnitItems nodes={children} />
            </ul>
          ) : null}
        </li>
      ))}
    </>
  );
}

export default function Unidades() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const [searchParams] = useSearchParams();
  const deleted = searchParams.get("eliminada");
  const failure = result && !result.ok ? result : undefined;
  const issues = failure?.issues;
  const values = failure?.values;

  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to="/plan">Plan</Link>
        </p>
        <h1>Unidades</h1>
        <p className="page-header__lead">
          Divisiones, departamentos, secciones y oficinas del Gobierno Regional: responden por indicadores y compromisos, y
          sus jefaturas reportan los avances. Las unidades son las mismas para todos los planes.
        </p>
      </header>

      {deleted ? (
        <p className="alert alert--success" role="status">
          Se eliminó la unidad {deleted}.
        </p>
      ) : null}

      <section aria-labelledby="tree-title">
        <h2 id="tree-title">Organigrama</h2>
        <p className="muted">
          {formatCount(page.total, "unidad", "unidades")}, {formatCount(page.activeCount, "activa", "activas")}.{" "}
          {page.hasPlan
            ? "Indicadores y compromisos vigentes del plan actual; jefaturas con cuenta activa."
            : "Aún no hay un plan cargado: los conteos de indicadores y compromisos quedan en cero."}
        </p>
        {page.roots.length === 0 ? (
          <p className="empty-state">Aún no hay unidades registradas.</p>
        ) : (
          <ul className="unit-tree">
            <UnitItems nodes={page.roots} />
          </ul>
        )}
        {page.unreachable.length > 0 ? (
          <div className="alert alert--error" role="alert" style={{ marginTop: "var(--space-4)" }}>
            <p style={{ margin: 0 }}>
              Estas unidades dependen unas de otras en círculo y no cuelgan de ninguna unidad de primer nivel; corrija su
              unidad superior:
            </p>
            <ul>
              {page.unreachable.map((unit) => (
                <li key={unit.id}>
                  <Link to={`/plan/unidades/${unit.id}`}>
                    {unit.code} · {unit.name}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      {page.canEdit ? (
        <section className="card" aria-labelledby="new-unit-title" style={{ marginTop: "var(--space-8)" }}>
          <h2 id="new-unit-title">Nueva unidad</h2>
          {result?.ok ? (
            <p className="alert alert--success" role="status">
              Se creó la unidad <Link to={`/plan/unidades/${result.id}`}>{result.code} · {result.name}</Link>.
            </p>
          ) : null}
          {failure ? (
            <p className="alert alert--error" role="alert">
              {failure.message}
            </p>
          ) : null}
          {/* A fresh form after each unit created. */}
          <Form method="post" className="form" noValidate key={result?.ok ? result.id : "new"}>
            <div className="form-grid">
              <TextField
                name="code"
                label="Código"
                hint="Sigla sin espacios, por ejemplo DIPLADE; se guarda en mayúsculas."
                maxLength={20}
                autoComplete="off"
                defaultValue={values?.code}
                error={issueFor(issues, "code")}
              />
              <TextField name="name" label="Nombre" maxLength={160} defaultValue={values?.name} error={issueFor(issues, "name")} />
              <SelectField
                name="kind"
                label="Tipo"
                choices={UNIT_KIND_CHOICES}
                defaultValue={values?.kind ?? "department"}
                error={issueFor(issues, "kind")}
              />
              <SelectField
                name="parentId"
                label="Unidad superior"
                placeholder="Ninguna (unidad de primer nivel)"
                choices={indentedUnitChoices(page.parentChoices)}
                defaultValue={values?.parentId ?? ""}
                error={issueFor(issues, "parentId")}
              />
            </div>
            <div className="button-row">
              <button type="submit" className="button button--primary" disabled={submitting}>
                {submitting ? "Creando…" : "Crear unidad"}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
