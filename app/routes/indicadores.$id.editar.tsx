import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ConfirmAction } from "~/components/ConfirmAction";
import { requireServiceContext } from "~/auth/session.server";
import { formValuesFrom, IndicatorForm, readIndicatorForm } from "~/components/IndicatorForm";
import { formatInteger } from "~/domain/format";
import { failureResponse, rethrowAsResponse, requireIdParam } from "~/http/responses.server";
import { deleteIndicator, getIndicatorForEdit, setIndicatorArchived, updateIndicator } from "~/services/indicators.server";
import styles from "~/styles/indicators.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `Editar ${loaded?.indicator.code ?? "indicador"} · Indicadores · GORE RMS` },
];


export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const id = requireIdParam(params.id, "El indicador no existe.");
  try {
    return await getIndicatorForEdit(ctx, id);
  } catch (error) {
    return rethrowAsResponse(error);
  }
}

const INTENTS = ["save", "archive", "unarchive", "delete"] as const;
type Intent = (typeof INTENTS)[number];

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const id = requireIdParam(params.id, "El indicador no existe.");
  const form = await request.formData();
  const intent = INTENTS.find((candidate) => candidate === form.get("intent"));
  if (!intent) throw new Response("Acción desconocida.", { status: 400 });
  const input = intent === "save" ? readIndicatorForm(form) : null;
  try {
    switch (intent) {
      case "save":
        await updateIndicator(ctx, id, input);
        return done(intent, "Cambios guardados.");
      case "archive":
        await setIndicatorArchived(ctx, id, true);
        return done(
          intent,
          "Indicador archivado: ya no aparece en el tablero ni en el reporte de mediciones. Sus datos se conservan."
        );
      case "unarchive":
        await setIndicatorArchived(ctx, id, false);
        return done(intent, "Indicador restaurado.");
      case "delete": {
        const { indicator } = await getIndicatorForEdit(ctx, id);
        // Two steps on the server, so that the confirmation works without JavaScript too; one
        // with measurements is refused at once (the service says why), with nothing to confirm.
        if (form.get("confirm") !== "yes" && indicator.measurementCount === 0) {
          return { kind: "confirm" as const, intent, message: "", issues: [], input };
        }
        await deleteIndicator(ctx, id);
        return redirect(`/indicadores?eliminado=${encodeURIComponent(indicator.code)}`);
      }
    }
  } catch (error) {
    const failure = failureResponse(error);
    return data({ kind: "failed" as const, intent, input, ...failure.data }, failure.init ?? undefined);
  }
}

function done(intent: Intent, message: string) {
  return { kind: "done" as const, intent, message, issues: [], input: null };
}

export default function EditarIndicador() {
  const { indicator, values, objectives, units, axes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const confirmRef = useRef<HTMLDivElement>(null);
  const saveFailure = result?.kind === "failed" && result.intent === "save" ? result : undefined;
  const otherFailure = result?.kind === "failed" && result.intent !== "save" ? result : undefined;
  const confirming = result?.kind === "confirm";
  const hasData = indicator.targetCount + indicator.measurementCount > 0;
  const held = [
    indicator.targetCount > 0
      ? `${formatInteger(indicator.targetCount)} ${indicator.targetCount === 1 ? "meta" : "metas"}`
      : null,
    indicator.measurementCount > 0
      ? `${formatInteger(indicator.measurementCount)} ${indicator.measurementCount === 1 ? "medición" : "mediciones"}`
      : null,
  ]
    .filter(Boolean)
    .join(" y ");

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming, result]);

  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to="/indicadores">Indicadores</Link> · <Link to={`/indicadores/${indicator.id}`}>{indicator.code}</Link>
        </p>
        <h1>Editar {indicator.code}</h1>
        <p className="page-header__lead">
          {indicator.name}
          {indicator.archived ? (
            <>
              {" "}
              <span className="tag tag--inactive">Archivado</span>
            </>
          ) : null}
        </p>
      </header>

      {result?.kind === "done" ? (
        <div className="alert alert--success" role="status">
          <p style={{ margin: 0 }}>
            {result.message} <Link to={`/indicadores/${indicator.id}`}>Ver el indicador</Link>
          </p>
        </div>
      ) : null}
      {otherFailure ? (
        <p className="alert alert--error" role="alert">
          {otherFailure.message}
        </p>
      ) : null}

      {confirming ? (
        <ConfirmAction
          ref={confirmRef}
          busy={busyIntent === "delete"}
          confirmLabel="Sí, eliminar"
          question={<>¿Eliminar {indicator.code} definitivamente? {held ? `Se eliminarán también sus ${held}.` : ""}</>}
        />
      ) : null}

      <section className="card" aria-labelledby="definition-title">
        <h2 id="definition-title">Definición</h2>
        {saveFailure ? (
          <p className="alert alert--error" role="alert">
            {saveFailure.message}
          </p>
        ) : null}
        <IndicatorForm
          // A fresh form after each saved change, so that it shows what the server kept.
          key={saveFailure ? "failed" : String(indicator.updatedAt)}
          values={saveFailure?.input ? formValuesFrom(saveFailure.input, values) : values}
          issues={saveFailure?.issues}
          objectives={objectives.filter((objective) => !objective.archived || String(objective.id) === values.objectiveId)}
          units={units.filter((unit) => unit.is_active || String(unit.id) === values.responsibleUnitId)}
          axes={axes}
          submitLabel="Guardar cambios"
          busy={busyIntent === "save"}
          cancelTo={`/indicadores/${indicator.id}`}
          periodicityLocked={hasData ? `No se puede cambiar: el indicador ya tiene ${held}.` : undefined}
        />
      </section>

      <section className="card" aria-labelledby="lifecycle-title" style={{ marginTop: "var(--space-6)" }}>
        <h2 id="lifecycle-title">Archivar o eliminar</h2>
        <div className="danger-zone">
          {indicator.archived ? (
            <Form method="post" className="form" aria-labelledby="unarchive-title" aria-describedby="unarchive-help">
              <input type="hidden" name="intent" value="unarchive" />
              <h3 id="unarchive-title" style={{ margin: 0 }}>
                Restaurar
              </h3>
              <p id="unarchive-help" className="muted" style={{ margin: 0 }}>
                El indicador vuelve al tablero, a la lista y al reporte de mediciones.
              </p>
              <div className="button-row">
                <button type="submit" className="button" disabled={busyIntent === "unarchive"}>
                  {busyIntent === "unarchive" ? "Restaurando…" : "Restaurar indicador"}
                </button>
              </div>
            </Form>
          ) : (
            <Form method="post" className="form" aria-labelledby="archive-title" aria-describedby="archive-help">
              <input type="hidden" name="intent" value="archive" />
              <h3 id="archive-title" style={{ margin: 0 }}>
                Archivar
              </h3>
              <p id="archive-help" className="muted" style={{ margin: 0 }}>
                Sale del tablero y del reporte de mediciones, pero conserva sus metas, mediciones e historial. Se puede restaurar.
              </p>
              <div className="button-row">
                <button type="submit" className="button" disabled={busyIntent === "archive"}>
                  {busyIntent === "archive" ? "Archivando…" : "Archivar indicador"}
                </button>
              </div>
            </Form>
          )}
          <Form method="post" className="form" aria-labelledby="delete-title" aria-describedby="delete-help">
            <input type="hidden" name="intent" value="delete" />
            <h3 id="delete-title" style={{ margin: 0 }}>
              Eliminar
            </h3>
            <p id="delete-help" className="muted" style={{ margin: 0 }}>
              {indicator.measurementCount > 0
                ? `Tiene ${held}: un indicador con mediciones no se elimina, se archiva.`
                : "Elimina el indicador y sus metas. No se puede deshacer."}
            </p>
            <div className="button-row">
              <button type="submit" className="button button--danger" disabled={confirming}>
                Eliminar indicador
              </button>
            </div>
          </Form>
        </div>
      </section>
    </>
  );
}
