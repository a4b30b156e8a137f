import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { requireServiceContext } from "~/auth/session.server";
import { ConfirmAction } from "~/components/ConfirmAction";
import { CheckboxGroup, FormMessage, NumberField, SelectField, TextAreaField, TextField } from "~/components/fields";
import { parseIdParam } from "~/domain/schemas/plan-structure";
import { issueFor } from "~/domain/validation";
import { failureResponse, rethrowAsResponse, optionalQueryId, requireEditorIdParam } from "~/http/responses.server";
import {
  createObjective,
  deleteObjective,
  getObjectiveEditor,
  setObjectiveArchive,
  updateObjective,
} from "~/services/plan-elements.server";
import styles from "~/styles/plan.css";
import { formatCount } from "~/domain/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.objective ? `Objetivo ${loaded.objective.code}` : "Nuevo objetivo"} · Plan · GORE RMS` },
];



export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const id = requireEditorIdParam(params.id, "El objetivo no existe.");
  const url = new URL(request.url);
  const planId = optionalQueryId(url, "plan", "El plan no existe.");
  const pillarId = optionalQueryId(url, "pilar", "El pilar no existe.");
  try {
    const { plan, objective, pillars, axes, units, indicatorCount } = await getObjectiveEditor(ctx, id, planId);
    return {
      plan: { id: plan.id, name: plan.name, status: plan.status },
      objective,
      pillars: pillars.map((pillar) => ({ id: pillar.id, name: pillar.name })),
      axes: axes.map((axis) => ({ id: axis.id, name: axis.name })),
      // Inactive units stay listed only where they are already the owner.
      units: units
        .filter((unit) => unit.is_active || unit.id === objective?.owner_unit_id)
        .map((unit) => ({ id: unit.id, name: unit.is_active ? unit.name : `${unit.name} (inactiva)` })),
      indicatorCount,
      preselectedPillar: pillarId,
      created: url.searchParams.get("aviso") === "creado",
    };
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const FIELDS = ["code", "title", "description", "pillarId", "weight", "ownerUnitId"] as const;
type Field = (typeof FIELDS)[number];

const DONE_MESSAGES = {
  save: "Cambios guardados.",
  archive: "Objetivo archivado: deja de contar en el tablero y en los cálculos del pilar; su historia se conserva.",
  unarchive: "Objetivo restaurado: vuelve a contar en el tablero.",
} as const;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const id = requireEditorIdParam(params.id, "El objetivo no existe.");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = {
    ...(Object.fromEntries(FIELDS.map((field) => [field, String(form.get(field) ?? "")])) as Record<Field, string>),
    axisIds: form.getAll("axisIds").map(String),
  };
  const back = String(form.get("back") ?? "");
  const backToPlan = /^\/plan\?plan=\d{1,10}$/.test(back) ? back : "/plan";
  const done = (key: keyof typeof DONE_MESSAGES) => ({
    kind: "done" as const,
    ok: true as const,
    message: DONE_MESSAGES[key],
    intent,
    values: null,
    issues: [],
  });
  try {
    if (intent === "save" && id == null) {
      const planId = parseIdParam(String(form.get("planId") ?? ""));
      if (planId == null) throw new Response("El plan no existe.", { status: 404 });
      const created = await createObjective(ctx, planId, values);
      return redirect(`/plan/objetivos/${created}?aviso=creado`);
    }
    if (id == null) throw new Response("Acción desconocida.", { status: 400 });
    switch (intent) {
      case "save":
        await updateObjective(ctx, id, values);
        return done("save");
      case "archive":
      case "unarchive":
        await setObjectiveArchive(ctx, id, intent === "archive");
        return done(intent);
      case "delete":
        if (form.get("confirm") !== "yes") return { ...done("save"), kind: "confirm" as const, message: "" };
        await deleteObjective(ctx, id);
        return redirect(`${backToPlan}${backToPlan.includes("?") ? "&" : "?"}aviso=objetivo-eliminado`);
      default:
        throw new Response("Acción desconocida.", { status: 400 });
    }
  } catch (error) {
    const failure = failureResponse(error);
    return data({ kind: "failed" as const, intent, values, ...failure.data }, failure.init ?? undefined);
  }
}

/** A stored weight as a person would type it: es-CL decimals, no thousands separator. */
const weightText = (weight: number) => weight.toLocaleString("es-CL", { useGrouping: false, maximumFractionDigits: 3 });

export default function ObjectiveEditor() {
  const { plan, objective, pillars, axes, units, indicatorCount, preselectedPillar, created } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const confirmRef = useRef<HTMLDivElement>(null);
  const failure = result?.kind === "failed" ? result : undefined;
  const saveFailure = failure?.intent === "save" ? failure : undefined;
  const issues = saveFailure?.issues;
  const failed = saveFailure?.values;
  const confirming = result?.kind === "confirm";
  const back = plan.status === "active" ? "/plan" : `/plan?plan=${plan.id}`;
  const archived = objective?.archived_at != null;
  const preselected = pillars.some((pillar) => pillar.id === preselectedPillar) ? preselectedPillar : null;
  const defaultPillar = objective?.pillar_id ?? preselected ?? (pillars.length === 1 ? pillars[0].id : "");

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming, result]);

  if (pillars.length === 0) {
    return (
      <section className="empty-state">
        <h1>Nuevo objetivo</h1>
        <p>Cada objetivo pertenece a un pilar, y el plan «{plan.name}» aún no tiene pilares.</p>
        <p>
          <Link to={`/plan/pilares/nuevo?plan=${plan.id}`} className="button button--primary">
            Crear un pilar
          </Link>
        </p>
      </section>
    );
  }

  return (
    <div className="plan-edit">
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to={back}>Plan</Link> · {objective ? "Objetivo estratégico" : "Nuevo objetivo estratégico"}
        </p>
        <h1>
          {objective ? `${objective.code} · ${objective.title}` : "Nuevo objetivo estratégico"}{" "}
          {archived ? <span className="tag tag--inactive">Archivado</span> : null}
        </h1>
        <p className="page-header__lead">
          {plan.name}
          {objective ? (
            <>
              {" · "}
              {indicatorCount > 0 ? (
                <Link to={`/indicadores?objetivo=${objective.id}`}>{formatCount(indicatorCount, "indicador", "indicadores")}</Link>
              ) : (
                "sin indicadores"
              )}
            </>
          ) : null}
        </p>
      </header>

      {created && !result ? (
        <p className="alert alert--success" role="status">
          Objetivo creado. Ahora puede asociarle indicadores.
        </p>
      ) : null}
      {result?.kind === "done" && result.intent !== "save" ? (
        <p className="alert alert--success" role="status">
          {result.message}
        </p>
      ) : null}
      {failure && !saveFailure ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}

      {confirming && objective ? (
        <ConfirmAction ref={confirmRef} back={back} busy={busyIntent === "delete"} question={<>¿Eliminar el objetivo {objective.code}? No se puede deshacer.</>} />
      ) : null}

      <section className="card" aria-labelledby="objective-form-title">
        <h2 id="objective-form-title">Datos del objetivo</h2>
        <FormMessage result={result?.kind === "done" && result.intent === "save" ? result : saveFailure} />
        <Form method="post" className="form" noValidate key={String(objective?.updated_at ?? "nuevo")}>
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="planId" value={plan.id} />
          <div className="field-row">
            <TextField
              name="code"
              label="Código"
              hint="Único en el plan, p. ej. OE-M1."
              defaultValue={failed?.code ?? objective?.code ?? ""}
              error={issueFor(issues, "code")}
              autoComplete="off"
              required
            />
            <SelectField
              name="pillarId"
              label="Pilar"
              choices={pillars.map((pillar) => ({ value: pillar.id, label: pillar.name }))}
              placeholder={defaultPillar === "" ? "Elija un pilar…" : undefined}
              defaultValue={failed?.pillarId ?? String(defaultPillar)}
              error={issueFor(issues, "pillarId")}
              required
            />
          </div>
          <TextField
            name="title"
            label="Título"
            defaultValue={failed?.title ?? objective?.title ?? ""}
            error={issueFor(issues, "title")}
            required
          />
          <TextAreaField
            name="description"
            label="Descripción"
            defaultValue={failed?.description ?? objective?.description ?? ""}
            error={issueFor(issues, "description")}
          />
          <div className="field-row">
            <NumberField
              name="weight"
              label="Peso"
              hint="Relativo a los demás objetivos del pilar; no pueden ser todos cero."
              defaultValue={failed?.weight ?? (objective ? weightText(objective.weight) : "1")}
              error={issueFor(issues, "weight")}
              required
            />
            <SelectField
              name="ownerUnitId"
              label="Unidad responsable"
              choices={units.map((unit) => ({ value: unit.id, label: unit.name }))}
              placeholder="Sin unidad asignada"
              defaultValue={failed?.ownerUnitId ?? String(objective?.owner_unit_id ?? "")}
              error={issueFor(issues, "ownerUnitId")}
            />
          </div>
          {axes.length > 0 ? (
            <CheckboxGroup
              name="axisIds"
              legend="Ejes transversales"
              hint="Los ejes que este objetivo contribuye a desarrollar."
              choices={axes.map((axis) => ({ value: axis.id, label: axis.name }))}
              defaultValues={failed?.axisIds ?? objective?.axis_ids ?? []}
              error={issueFor(issues, "axisIds")}
            />
          ) : null}
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busyIntent === "save"}>
              {busyIntent === "save" ? "Guardando…" : objective ? "Guardar cambios" : "Crear objetivo"}
            </button>
            <Link to={back} className="button">
              {objective ? "Volver al plan" : "Cancelar"}
            </Link>
          </div>
        </Form>
      </section>

      {objective ? (
        <section className="card" aria-labelledby="archive-title">
          <h2 id="archive-title">{archived ? "Restaurar objetivo" : "Archivar objetivo"}</h2>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value={archived ? "unarchive" : "archive"} />
            <p className="muted" style={{ margin: 0 }}>
              {archived
                ? "El objetivo está archivado: no se muestra a los lectores ni cuenta en el tablero. Al restaurarlo vuelve a contar."
                : "Un objetivo archivado deja de mostrarse y de contar en el tablero, pero conserva sus indicadores y su historia."}
            </p>
            <div className="button-row">
              <button type="submit" className="button" disabled={busyIntent === "archive" || busyIntent === "unarchive"}>
                {archived ? "Restaurar objetivo" : "Archivar objetivo"}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {objective ? (
        <section className="card danger-zone" aria-labelledby="delete-title">
          <h2 id="delete-title">Eliminar objetivo</h2>
          {indicatorCount > 0 ? (
            <p className="muted" style={{ margin: 0 }}>
              El objetivo tiene {formatCount(indicatorCount, "indicador", "indicadores")}; archívelo en lugar de eliminarlo.
            </p>
          ) : (
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="delete" />
              <p className="muted" style={{ margin: 0 }}>
                El objetivo no tiene indicadores, así que puede eliminarse.
              </p>
              <div className="button-row">
                <button type="submit" className="button button--danger" disabled={confirming}>
                  Eliminar objetivo
                </button>
              </div>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}
