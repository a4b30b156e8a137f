import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ConfirmAction } from "~/components/ConfirmAction";
import { requireServiceContext } from "~/auth/session.server";
import { SelectField, TextField } from "~/components/fields";
import { formatInteger } from "~/domain/format";
import { ROLE_LABELS } from "~/domain/roles";
import { UNIT_KIND_CHOICES, UNIT_KIND_LABELS } from "~/domain/schemas/units";
import { indentedUnitChoices } from "~/domain/unit-tree";
import { issueFor } from "~/domain/validation";
import { failureResponse, rethrowAsResponse, requireIdParam } from "~/http/responses.server";
import { deleteUnit, getUnitDetail, previewUnitDeletion, setUnitActivation, updateUnit } from "~/services/units.server";
import styles from "~/styles/periods.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.unit.name ?? "Unidad"} · Unidades · GORE RMS` },
];



export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const id = requireIdParam(params.id, "La unidad no existe.");
  try {
    const detail = await getUnitDetail(ctx, id);
    const { unit } = detail;
    return {
      ...detail,
      unit: {
        id: unit.id,
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        parentId: unit.parent_id,
        isActive: unit.is_active,
        updatedAt: unit.updated_at.toISOString(),
      },
    };
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const INTENTS = ["update", "deactivate", "reactivate", "delete"] as const;
type Intent = (typeof INTENTS)[number];

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const id = requireIdParam(params.id, "La unidad no existe.");
  const form = await request.formData();
  const intent = INTENTS.find((candidate) => candidate === form.get("intent"));
  if (!intent) throw new Response("Acción desconocida.", { status: 400 });
  const values =
    intent === "update"
      ? {
          code: text(form.get("code")),
          name: text(form.get("name")),
          kind: text(form.get("kind")),
          parentId: text(form.get("parentId")),
        }
      : null;
  try {
    switch (intent) {
      case "update":
        await updateUnit(ctx, id, values);
        return done(intent, "Cambios guardados.");
      case "deactivate":
        await setUnitActivation(ctx, id, false);
        return done(intent, "Unidad desactivada. Ya no aparece entre las unidades que se pueden elegir; su historial se conserva.");
      case "reactivate":
        await setUnitActivation(ctx, id, true);
        return done(intent, "Unidad reactivada.");
      case "delete": {
        // Two steps on the server, so the confirmation works without JavaScript too; a unit
        // still in use is refused at once, with what uses it.
        if (form.get("confirm") !== "yes") {
          const preview = await previewUnitDeletion(ctx, id);
          if (preview.refusal) {
            return data({ kind: "failed" as const, intent, values, message: preview.refusal, issues: [] }, { status: 409 });
          }
          return { kind: "confirm" as const, intent, code: preview.code, name: preview.name };
        }
        const removed = await deleteUnit(ctx, id);
        throw redirect(`/plan/unidades?eliminada=${encodeURIComponent(removed.code)}`);
      }
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    const failure = failureResponse(error);
    return data({ kind: "failed" as const, intent, values, ...failure.data }, failure.init ?? undefined);
  }
}

function done(intent: Intent, message: string) {
  return { kind: "done" as const, intent, message };
}

const count = (n: number, one: string, many: string) => `${formatInteger(n)} ${n === 1 ? one : many}`;

export default function Unidad() {
  const { unit, ancestors, children, references, heads, canEdit, parentChoices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const confirmRef = useRef<HTMLDivElement>(null);
  const failure = result?.kind === "failed" ? result : undefined;
  const updateFailure = failure?.intent === "update" ? failure : undefined;
  const issues = updateFailure?.issues;
  const values = updateFailure?.values;
  const confirming = result?.kind === "confirm" ? result : undefined;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const parent = ancestors.at(-1);

  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to="/plan">Plan</Link> · <Link to="/plan/unidades">Unidades</Link>
        </p>
        <h1>{unit.name}</h1>
        <p className="page-header__lead">
          {unit.code} · {UNIT_KIND_LABELS[unit.kind]} ·{" "}
          <span className={`tag${unit.isActive ? "" : " tag--inactive"}`}>{unit.isActive ? "Activa" : "Inactiva"}</span>
        </p>
      </header>

      {result?.kind === "done" ? (
        <p className="alert alert--success" role="status">
          {result.message}
        </p>
      ) : null}
      {failure && !updateFailure ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}

      {confirming ? (
        <ConfirmAction
          ref={confirmRef}
          busy={busyIntent === "delete"}
          question={<>¿Eliminar la unidad {confirming.code} · {confirming.name}?</>}
          detail="Nada la usa hoy. La eliminación no se puede deshacer; queda en la auditoría."
        />
      ) : null}

      <section className="card" aria-labelledby="facts-title">
        <h2 id="facts-title">Dependencia y uso</h2>
        <dl className="unit-facts">
          <dt>Depende de</dt>
          <dd>
            {ancestors.length === 0
              ? "Ninguna: es una unidad de primer nivel."
              : ancestors.map((ancestor, index) => (
                  <span key={ancestor.id}>
                    {index > 0 ? " › " : null}
                    <Link to={`/plan/unidades/${ancestor.id}`}>{ancestor.name}</Link>
                  </span>
                ))}
          </dd>
          <dt>Unidades dependientes</dt>
          <dd>
            {children.length === 0 ? (
              "Ninguna."
            ) : (
              <ul>
                {children.map((child) => (
                  <li key={child.id}>
                    <Link to={`/plan/unidades/${child.id}`}>{child.name}</Link> ({child.code})
                    {child.isActive ? null : <span className="tag tag--inactive">Inactiva</span>}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>Usuarios asignados</dt>
          <dd>
            {heads.length === 0 ? (
              "Ninguno."
            ) : (
              <ul>
                {heads.map((head) => (
                  <li key={head.id}>
                    {head.name} · {ROLE_LABELS[head.role]}
                    {head.is_active ? null : <> · <span className="tag tag--inactive">Cuenta inactiva</span></>}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>En todos los planes</dt>
          <dd>
            {count(references.indicators, "indicador", "indicadores")}, {count(references.objectives, "objetivo", "objetivos")},{" "}
            {count(references.commitments, "compromiso", "compromisos")} y{" "}
            {count(references.agreements, "acuerdo del comité", "acuerdos del comité")}.
          </dd>
        </dl>
      </section>

      {canEdit ? (
        <div className="unit-layout">
          <section className="card" aria-labelledby="edit-title">
            <h2 id="edit-title">Datos de la unidad</h2>
            {updateFailure ? (
              <p className="alert alert--error" role="alert">
                {updateFailure.message}
              </p>
            ) : null}
            {/* A fresh form after each saved change, so it shows what the server kept. */}
            <Form method="post" className="form" noValidate key={unit.updatedAt}>
              <input type="hidden" name="intent" value="update" />
              <TextField
                name="code"
                label="Código"
                hint="Sigla sin espacios; se guarda en mayúsculas."
                maxLength={20}
                autoComplete="off"
                defaultValue={values?.code ?? unit.code}
                error={issueFor(issues, "code")}
              />
              <TextField name="name" label="Nombre" maxLength={160} defaultValue={values?.name ?? unit.name} error={issueFor(issues, "name")} />
              <SelectField
                name="kind"
                label="Tipo"
                choices={UNIT_KIND_CHOICES}
                defaultValue={values?.kind ?? unit.kind}
                error={issueFor(issues, "kind")}
              />
              <SelectField
                name="parentId"
                label="Unidad superior"
                hint="Para moverla a otra parte del organigrama. No puede quedar bajo sí misma ni bajo una de sus dependientes."
                placeholder="Ninguna (unidad de primer nivel)"
                choices={indentedUnitChoices(parentChoices)}
                defaultValue={values?.parentId ?? (unit.parentId == null ? "" : String(unit.parentId))}
                error={issueFor(issues, "parentId")}
              />
              <div className="button-row">
                <button type="submit" className="button button--primary" disabled={busyIntent === "update"}>
                  {busyIntent === "update" ? "Guardando…" : "Guardar cambios"}
                </button>
                <Link to="/plan/unidades" className="button">
                  Volver a unidades
                </Link>
              </div>
            </Form>
            {parent && !parentChoices.some((choice) => choice.id === parent.id) ? (
              <p className="muted">Su unidad superior actual ({parent.name}) está inactiva; si guarda, elija otra.</p>
            ) : null}
          </section>

          <section className="card" aria-labelledby="state-title">
            <h2 id="state-title">Vigencia</h2>
            {unit.isActive ? (
              <Form method="post" className="form" aria-describedby="deactivate-help">
                <input type="hidden" name="intent" value="deactivate" />
                <p id="deactivate-help" className="muted" style={{ margin: 0 }}>
                  Una unidad inactiva deja de ofrecerse al crear indicadores, compromisos o cuentas; lo que ya tiene asignado se
                  conserva.
                </p>
                <div className="button-row">
                  <button type="submit" className="button" disabled={busyIntent === "deactivate"}>
                    {busyIntent === "deactivate" ? "Desactivando…" : "Desactivar"}
                  </button>
                </div>
              </Form>
            ) : (
              <Form method="post" className="form" aria-describedby="reactivate-help">
                <input type="hidden" name="intent" value="reactivate" />
                <p id="reactivate-help" className="muted" style={{ margin: 0 }}>
                  La unidad vuelve a ofrecerse en los formularios.
                </p>
                <div className="button-row">
                  <button type="submit" className="button" disabled={busyIntent === "reactivate"}>
                    {busyIntent === "reactivate" ? "Reactivando…" : "Reactivar"}
                  </button>
                </div>
              </Form>
            )}
            <Form method="post" className="form" aria-describedby="delete-help" style={{ marginTop: "var(--space-6)" }}>
              <input type="hidden" name="intent" value="delete" />
              <h3 style={{ margin: 0 }}>Eliminar</h3>
              <p id="delete-help" className="muted" style={{ margin: 0 }}>
                Solo si nada la usa: ni indicadores, objetivos, compromisos o acuerdos de ningún plan, ni usuarios asignados, ni
                unidades dependientes.
              </p>
              <div className="button-row">
                <button type="submit" className="button button--danger" disabled={Boolean(confirming) || busyIntent === "delete"}>
                  Eliminar unidad
                </button>
              </div>
            </Form>
          </section>
        </div>
      ) : null}
    </>
  );
}
