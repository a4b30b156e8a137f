import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { requireServiceContext } from "~/auth/session.server";
import { SelectField, TextAreaField, TextField } from "~/components/fields";
import { DEFINITION_KIND_LABELS, DEFINITION_KINDS, parseIdParam } from "~/domain/schemas/plan-structure";
import { issueFor } from "~/domain/validation";
import { failureResponse, rethrowAsResponse } from "~/http/responses.server";
import {
  createDefinition,
  deleteDefinition,
  getDefinitionsEditor,
  moveDefinition,
  updateDefinition,
} from "~/services/plan-structure.server";
import styles from "~/styles/plan.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Definiciones estratégicas · Plan · GORE RMS" }];

const NOTICES: Record<string, string> = {
  creada: "Definición agregada al final de la lista.",
  guardada: "Definición guardada.",
  eliminada: "Definición eliminada.",
};

function idFrom(value: string | null): number | null {
  const id = parseIdParam(value);
  if (value != null && value !== "" && id == null) throw new Response("La dirección no es válida.", { status: 404 });
  return id;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const url = new URL(request.url);
  const planId = idFrom(url.searchParams.get("plan"));
  const editingId = idFrom(url.searchParams.get("editar"));
  try {
    const { plan, definitions } = await getDefinitionsEditor(ctx, planId);
    return {
      plan: { id: plan.id, name: plan.name },
      definitions,
      editingId,
      planQuery: planId ? `plan=${planId}` : "",
      notice: NOTICES[url.searchParams.get("aviso") ?? ""] ?? null,
    };
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const INTENTS = ["create", "update", "delete", "up", "down"] as const;
type Intent = (typeof INTENTS)[number];

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const form = await request.formData();
  const intent = INTENTS.find((candidate) => candidate === form.get("intent"));
  if (!intent) throw new Response("Acción desconocida.", { status: 400 });
  const planQuery = String(form.get("planQuery") ?? "").replace(/[^a-z0-9=]/g, "");
  const page = (...extra: string[]) => {
    const query = [planQuery, ...extra].filter(Boolean).join("&");
    return `/plan/definiciones${query ? `?${query}` : ""}`;
  };
  const id = intent === "create" ? null : parseIdParam(String(form.get("id") ?? ""));
  if (intent !== "create" && id == null) throw new Response("La definición no existe.", { status: 404 });
  const values = { kind: String(form.get("kind") ?? ""), title: String(form.get("title") ?? ""), body: String(form.get("body") ?? "") };
  try {
    switch (intent) {
      case "create": {
        const planId = parseIdParam(String(form.get("planId") ?? ""));
        if (planId == null) throw new Response("El plan no existe.", { status: 404 });
        const created = await createDefinition(ctx, planId, values);
        return redirect(`${page("aviso=creada")}#def-${created}`);
      }
      case "update":
        await updateDefinition(ctx, id!, values);
        return redirect(`${page("aviso=guardada")}#def-${id}`);
      case "delete":
        // Two steps on the server, so the confirmation works without JavaScript too.
        if (form.get("confirm") !== "yes") return { kind: "confirm" as const, intent, id };
        await deleteDefinition(ctx, id!);
        return redirect(page("aviso=eliminada"));
      case "up":
      case "down":
        await moveDefinition(ctx, id!, intent);
        return redirect(`${page()}#def-${id}`);
    }
  } catch (error) {
    const failure = failureResponse(error);
    return data({ kind: "failed" as const, intent: intent as Intent, id, values, ...failure.data }, failure.init ?? undefined);
  }
}

const KIND_CHOICES = DEFINITION_KINDS.map((kind) => ({ value: kind, label: DEFINITION_KIND_LABELS[kind] }));

export default function DefinitionsEditor() {
  const { plan, definitions, editingId, planQuery, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const failure = result?.kind === "failed" ? result : undefined;
  const confirmId = result?.kind === "confirm" ? result.id : null;
  const confirming = definitions.find((d) => d.id === confirmId);
  const confirmRef = useRef<HTMLDivElement>(null);
  const back = planQuery ? `/plan?${planQuery}` : "/plan";
  const withPlan = (query: string) => {
    const search = [planQuery, query].filter(Boolean).join("&");
    return search ? `/plan/definiciones?${search}` : "/plan/definiciones";
  };

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming, result]);

  const createFailure = failure?.intent === "create" ? failure : undefined;
  const updateFailure = failure?.intent === "update" ? failure : undefined;
  const otherFailure = failure && !createFailure && !updateFailure ? failure : undefined;

  return (
    <div className="plan-edit">
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to={back}>Plan</Link> · Definiciones estratégicas
        </p>
        <h1>Misión, visión, valores y principios</h1>
        <p className="page-header__lead">
          {plan.name}. Los textos se muestran en la página del plan en este orden; use «Subir» y «Bajar» para cambiarlo.
        </p>
      </header>

      {notice ? (
        <p className="alert alert--success" role="status">
          {notice}
        </p>
      ) : null}
      {otherFailure ? (
        <p className="alert alert--error" role="alert">
          {otherFailure.message}
        </p>
      ) : null}

      {confirming ? (
        <div className="alert alert--error" role="alert" tabIndex={-1} ref={confirmRef} aria-labelledby="confirm-title">
          <p id="confirm-title" style={{ margin: "0 0 var(--space-3)", fontWeight: 600 }}>
            ¿Eliminar la definición «{confirming.title ?? DEFINITION_KIND_LABELS[confirming.kind]}»? No se puede deshacer.
          </p>
          <Form method="post" className="button-row">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="id" value={confirming.id} />
            <input type="hidden" name="confirm" value="yes" />
            <input type="hidden" name="planQuery" value={planQuery} />
            <button type="submit" className="button button--danger" disabled={busyIntent === "delete"}>
              {busyIntent === "delete" ? "Eliminando…" : "Confirmar"}
            </button>
            <Link to={withPlan("")} className="button">
              Cancelar
            </Link>
          </Form>
        </div>
      ) : null}

      <section aria-labelledby="list-title">
        <h2 id="list-title">Definiciones del plan</h2>
        {definitions.length === 0 ? <p className="muted">Aún no hay definiciones. Agregue la misión y la visión abajo.</p> : null}
        <ol className="definition-editor">
          {definitions.map((definition, index) => {
            const label = definition.title ?? DEFINITION_KIND_LABELS[definition.kind];
            if (definition.id === editingId) {
              const issues = updateFailure?.issues;
              const values = updateFailure?.values;
              return (
                <li key={definition.id} id={`def-${definition.id}`} className="definition-editor__item--editing">
                  <Form method="post" className="form" noValidate aria-label={`Editar ${label}`}>
                    <h3 style={{ margin: 0 }}>Editar «{label}»</h3>
                    {updateFailure ? (
                      <p className="alert alert--error" role="alert">
                        {updateFailure.message}
                      </p>
                    ) : null}
                    <input type="hidden" name="intent" value="update" />
                    <input type="hidden" name="id" value={definition.id} />
                    <input type="hidden" name="planQuery" value={planQuery} />
                    <DefinitionFields
                      idPrefix="edit"
                      kind={values?.kind ?? definition.kind}
                      title={values?.title ?? definition.title ?? ""}
                      body={values?.body ?? definition.body}
                      issues={issues}
                    />
                    <div className="button-row">
                      <button type="submit" className="button button--primary" disabled={busyIntent === "update"}>
                        {busyIntent === "update" ? "Guardando…" : "Guardar"}
                      </button>
                      <Link to={`${withPlan("")}#def-${definition.id}`} className="button">
                        Cancelar
                      </Link>
                    </div>
                  </Form>
                </li>
              );
            }
            return (
              <li key={definition.id} id={`def-${definition.id}`}>
                <div className="definition-editor__text">
                  <p className="definition-card__kind">{DEFINITION_KIND_LABELS[definition.kind]}</p>
                  {definition.title ? <h3>{definition.title}</h3> : null}
                  <p>{definition.body}</p>
                </div>
                <div className="definition-editor__actions">
                  <MoveButton id={definition.id} direction="up" disabled={index === 0} label={label} planQuery={planQuery} />
                  <MoveButton
                    id={definition.id}
                    direction="down"
                    disabled={index === definitions.length - 1}
                    label={label}
                    planQuery={planQuery}
                  />
                  <Link to={`${withPlan(`editar=${definition.id}`)}#def-${definition.id}`} className="button button--small">
                    Editar<span className="visually-hidden"> {label}</span>
                  </Link>
                  <Form method="post">
                    <input type="hidden" name="intent" value="delete" />
                    <input type="hidden" name="id" value={definition.id} />
                    <input type="hidden" name="planQuery" value={planQuery} />
                    <button type="submit" className="button button--small button--danger">
                      Eliminar<span className="visually-hidden"> {label}</span>
                    </button>
                  </Form>
                </div>
              </li>
            );
          })}
        </ol>
      </section>

      <section className="card" aria-labelledby="add-title" style={{ marginTop: "var(--space-6)" }}>
        <h2 id="add-title">Agregar definición</h2>
        {createFailure ? (
          <p className="alert alert--error" role="alert">
            {createFailure.message}
          </p>
        ) : null}
        {/* Keyed on the list, so a successful add leaves a blank form. */}
        <Form method="post" className="form" noValidate key={definitions.length}>
          <input type="hidden" name="intent" value="create" />
          <input type="hidden" name="planId" value={plan.id} />
          <input type="hidden" name="planQuery" value={planQuery} />
          <DefinitionFields
            idPrefix="new"
            kind={createFailure?.values.kind ?? (definitions.length === 0 ? "mission" : "value")}
            title={createFailure?.values.title ?? ""}
            body={createFailure?.values.body ?? ""}
            issues={createFailure?.issues}
          />
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busyIntent === "create"}>
              {busyIntent === "create" ? "Agregando…" : "Agregar"}
            </button>
          </div>
        </Form>
      </section>

      <p>
        <Link to={back}>Volver al plan</Link>
      </p>
    </div>
  );
}

function DefinitionFields(props: {
  idPrefix: string;
  kind: string;
  title: string;
  body: string;
  issues?: { field: string; message: string }[];
}) {
  return (
    <>
      <div className="field-row">
        <SelectField
          id={`${props.idPrefix}-kind`}
          name="kind"
          label="Tipo"
          choices={KIND_CHOICES}
          defaultValue={props.kind}
          error={issueFor(props.issues, "kind")}
        />
        <TextField
          id={`${props.idPrefix}-title`}
          name="title"
          label="Título (opcional)"
          defaultValue={props.title}
          error={issueFor(props.issues, "title")}
        />
      </div>
      <TextAreaField
        id={`${props.idPrefix}-body`}
        name="body"
        label="Texto"
        rows={5}
        defaultValue={props.body}
        error={issueFor(props.issues, "body")}
        required
      />
    </>
  );
}

function MoveButton(props: { id: number; direction: "up" | "down"; disabled: boolean; label: string; planQuery: string }) {
  const text = props.direction === "up" ? "Subir" : "Bajar";
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={props.direction} />
      <input type="hidden" name="id" value={props.id} />
      <input type="hidden" name="planQuery" value={props.planQuery} />
      <button type="submit" className="button button--small" disabled={props.disabled}>
        <span aria-hidden="true">{props.direction === "up" ? "↑" : "↓"}</span> {text}
        <span className="visually-hidden"> {props.label}</span>
      </button>
    </Form>
  );
}
