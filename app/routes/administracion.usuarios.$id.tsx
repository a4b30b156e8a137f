import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { forbidden, requireServiceContext } from "~/auth/session.server";
import { ROLE_LABELS } from "~/domain/roles";
import { ConfirmAction } from "~/components/ConfirmAction";
import { TextField } from "~/components/fields";
import { RoleField, UnitsField } from "~/components/UserFields";
import { issueFor } from "~/domain/validation";
import { failureResponse, requireIdParam } from "~/http/responses.server";
import { ForbiddenError, NotFoundError } from "~/services/errors";
import { getUserForAdmin, resetUserPassword, setUserActivation, updateUser } from "~/services/users.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `${loaded?.user.name ?? "Usuario"} · Usuarios · GORE RMS` },
];

// A temporary password travels in the reset's response: no cache may keep it.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const cacheControl = actionHeaders.get("Cache-Control");
  if (cacheControl) headers.set("Cache-Control", cacheControl);
  return headers;
};



export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const id = requireIdParam(params.id, "El usuario no existe.");
  try {
    const { user, units } = await getUserForAdmin(ctx, id);
    return {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        isActive: user.is_active,
        unitIds: user.unit_ids,
        updatedAt: user.updated_at,
      },
      units: units.map((unit) => ({ id: unit.id, name: unit.name, isActive: unit.is_active })),
    };
  } catch (error) {
    if (error instanceof ForbiddenError) throw forbidden(error.message);
    if (error instanceof NotFoundError) throw new Response(error.message, { status: 404 });
    throw error;
  }
}

const INTENTS = ["update", "deactivate", "reactivate", "reset-password"] as const;
type Intent = (typeof INTENTS)[number];

// Large enough to read out or copy without mistaking a character.
const SECRET_STYLE = { fontSize: "1.1rem", fontWeight: 700, userSelect: "all" } as const;
// Two wide columns for the access actions' explanations; one on a phone.
const ACCESS_GRID_STYLE = {
  gridTemplateColumns: "repeat(auto-fit, minmax(min(22rem, 100%), 1fr))",
  gap: "var(--space-6)",
} as const;

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const id = requireIdParam(params.id, "El usuario no existe.");
  const form = await request.formData();
  const intent = INTENTS.find((candidate) => candidate === form.get("intent"));
  if (!intent) throw new Response("Acción desconocida.", { status: 400 });
  const values =
    intent === "update"
      ? {
          email: text(form.get("email")),
          name: text(form.get("name")),
          role: text(form.get("role")),
          unitIds: form.getAll("unitIds").filter((value): value is string => typeof value === "string"),
        }
      : null;
  try {
    switch (intent) {
      case "update":
        await updateUser(ctx, id, values);
        return done(intent, "Cambios guardados.");
      case "deactivate":
        // Two steps on the server, so the confirmation works without JavaScript too.
        if (form.get("confirm") !== "yes") return { kind: "confirm" as const, intent };
        await setUserActivation(ctx, id, false);
        return done(intent, "Cuenta desactivada. Sus sesiones se cerraron y ya no puede ingresar.");
      case "reactivate":
        await setUserActivation(ctx, id, true);
        return done(intent, "Cuenta reactivada. La persona puede volver a ingresar con su contraseña.");
      case "reset-password": {
        const temporaryPassword = await resetUserPassword(ctx, id);
        return data(
          { ...done(intent, "Contraseña restablecida. Se cerraron las sesiones abiertas de la cuenta."), temporaryPassword },
          { headers: { "Cache-Control": "no-store" } },
        );
      }
    }
  } catch (error) {
    const failure = failureResponse(error);
    return data({ kind: "failed" as const, intent, values, ...failure.data }, failure.init ?? undefined);
  }
}

function done(intent: Intent, message: string) {
  return { kind: "done" as const, intent, message, temporaryPassword: null as string | null };
}

export default function EditarUsuario() {
  const { user, units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const confirmRef = useRef<HTMLDivElement>(null);
  const failure = result?.kind === "failed" ? result : undefined;
  const updateFailure = failure?.intent === "update" ? failure : undefined;
  const issues = updateFailure?.issues;
  const values = updateFailure?.values;
  const confirming = result?.kind === "confirm" && user.isActive;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming, result]);

  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to="/administracion">Administración</Link> · <Link to="/administracion/usuarios">Usuarios</Link>
        </p>
        <h1>{user.name}</h1>
        <p className="page-header__lead">
          {user.email} · {ROLE_LABELS[user.role]} ·{" "}
          <span className={`tag${user.isActive ? "" : " tag--inactive"}`}>{user.isActive ? "Activo" : "Inactivo"}</span>
        </p>
      </header>

      {result?.kind === "done" ? (
        <div className="alert alert--success" role="status">
          <p style={{ margin: 0 }}>{result.message}</p>
          {result.temporaryPassword ? (
            <>
              <p style={{ margin: "var(--space-2) 0 0" }}>
                Contraseña temporal para {user.email}: <code style={SECRET_STYLE}>{result.temporaryPassword}</code>
              </p>
              <p style={{ margin: "var(--space-2) 0 0" }}>
                Cópiela ahora y entréguela a la persona por un canal seguro: no se volverá a mostrar.
              </p>
            </>
          ) : null}
        </div>
      ) : null}
      {failure && !updateFailure ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}

      {confirming ? (
        <ConfirmAction
          ref={confirmRef}
          intent="deactivate"
          busy={busyIntent === "deactivate"}
          busyLabel="Desactivando…"
          question={<>¿Desactivar a {user.name}? Sus sesiones se cerrarán de inmediato.</>}
        />
      ) : null}

      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">
          Datos de la cuenta
        </h2>
        {updateFailure ? (
          <p className="alert alert--error" role="alert">
            {updateFailure.message}
          </p>
        ) : null}
        {/* A fresh form after each saved change, so it shows what the server kept (units dropped with the role). */}
        <Form method="post" className="form" noValidate key={String(user.updatedAt)}>
          <input type="hidden" name="intent" value="update" />
          <div className="form-grid">
            <TextField
              name="email"
              label="Correo"
              type="email"
              defaultValue={values?.email ?? user.email}
              error={issueFor(issues, "email")}
            />
            <TextField name="name" label="Nombre" defaultValue={values?.name ?? user.name} error={issueFor(issues, "name")} />
            <RoleField defaultValue={values?.role ?? user.role} error={issueFor(issues, "role")} />
          </div>
          <UnitsField
            units={units}
            defaultValue={values?.unitIds ?? user.unitIds.map(String)}
            error={issueFor(issues, "unitIds")}
          />
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busyIntent === "update"}>
              {busyIntent === "update" ? "Guardando…" : "Guardar cambios"}
            </button>
            <Link to="/administracion/usuarios" className="button">
              Volver a usuarios
            </Link>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="access-title" style={{ marginTop: "var(--space-6)" }}>
        <h2 id="access-title">
          Acceso
        </h2>
        <div className="form-grid" style={ACCESS_GRID_STYLE}>
          <Form method="post" className="form" aria-labelledby="reset-title" aria-describedby="reset-help">
            <input type="hidden" name="intent" value="reset-password" />
            <h3 id="reset-title" style={{ margin: 0 }}>
              Restablecer contraseña
            </h3>
            <p id="reset-help" className="muted" style={{ margin: 0 }}>
              Genera una contraseña temporal que se mostrará una sola vez. La contraseña actual deja de servir y se cierran las
              sesiones abiertas.
            </p>
            <div className="button-row">
              <button type="submit" className="button" disabled={busyIntent === "reset-password"}>
                {busyIntent === "reset-password" ? "Restableciendo…" : "Restablecer contraseña"}
              </button>
            </div>
          </Form>
          {user.isActive ? (
            <Form method="post" className="form" aria-labelledby="deactivate-title" aria-describedby="deactivate-help">
              <input type="hidden" name="intent" value="deactivate" />
              <h3 id="deactivate-title" style={{ margin: 0 }}>
                Desactivar cuenta
              </h3>
              <p id="deactivate-help" className="muted" style={{ margin: 0 }}>
                La persona no podrá ingresar y sus sesiones se cierran de inmediato. Su historial se conserva y la cuenta se puede
                reactivar.
              </p>
              <div className="button-row">
                <button type="submit" className="button button--danger" disabled={confirming}>
                  Desactivar
                </button>
              </div>
            </Form>
          ) : (
            <Form method="post" className="form" aria-labelledby="reactivate-title" aria-describedby="reactivate-help">
              <input type="hidden" name="intent" value="reactivate" />
              <h3 id="reactivate-title" style={{ margin: 0 }}>
                Reactivar cuenta
              </h3>
              <p id="reactivate-help" className="muted" style={{ margin: 0 }}>
                La persona podrá volver a ingresar con su contraseña actual.
              </p>
              <div className="button-row">
                <button type="submit" className="button" disabled={busyIntent === "reactivate"}>
                  {busyIntent === "reactivate" ? "Reactivando…" : "Reactivar"}
                </button>
              </div>
            </Form>
          )}
        </div>
      </section>
    </>
  );
}
