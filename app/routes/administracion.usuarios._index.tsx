import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { forbidden, requireServiceContext } from "~/auth/session.server";
import { ROLE_LABELS } from "~/domain/roles";
import { TextField } from "~/components/fields";
import { RoleField, UnitsField } from "~/components/UserFields";
import { issueFor } from "~/domain/validation";
import { failureResponse } from "~/http/responses.server";
import { ForbiddenError } from "~/services/errors";
import { createUser, listUsersForAdmin } from "~/services/users.server";

export const meta: MetaFunction = () => [{ title: "Usuarios · Administración · GORE RMS" }];

// A temporary password travels in this response: no cache may keep it.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const cacheControl = actionHeaders.get("Cache-Control");
  if (cacheControl) headers.set("Cache-Control", cacheControl);
  return headers;
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  try {
    const { users, units } = await listUsersForAdmin(ctx);
    return { users, units: units.map((unit) => ({ id: unit.id, name: unit.name, code: unit.code, isActive: unit.is_active })) };
  } catch (error) {
    if (error instanceof ForbiddenError) throw forbidden(error.message);
    throw error;
  }
}

// Wide enough that rows stay short on a phone; the wrapper scrolls sideways instead.
const TABLE_STYLE = { minWidth: "64rem" } as const;
// Row headers read as the person's name, not as another header band.
const ROW_HEADER_STYLE = { background: "none", whiteSpace: "normal", minWidth: "10rem" } as const;
const LAST_ROW_HEADER_STYLE = { ...ROW_HEADER_STYLE, borderBottom: "none" } as const;

// Large enough to read out or copy without mistaking a character.
const SECRET_STYLE = { fontSize: "1.1rem", fontWeight: 700, userSelect: "all" } as const;

const text = (value: FormDataEntryValue | null) => (typeof value === "string" ? value : "");

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const form = await request.formData();
  const values = {
    email: text(form.get("email")),
    name: text(form.get("name")),
    role: text(form.get("role")),
    unitIds: form.getAll("unitIds").filter((value): value is string => typeof value === "string"),
  };
  try {
    const { id, temporaryPassword } = await createUser(ctx, { ...values, password: text(form.get("password")) });
    return data(
      { ok: true as const, id, name: values.name.trim(), email: values.email.trim().toLowerCase(), temporaryPassword },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    const failure = failureResponse(error);
    // The password is never sent back; everything else is, so the form comes back as it was typed.
    return data({ ...failure.data, values }, failure.init ?? undefined);
  }
}

export default function Usuarios() {
  const { users, units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const formRef = useRef<HTMLFormElement>(null);
  const failure = result && !result.ok ? result : undefined;
  const issues = failure?.issues;
  const values = failure?.values;

  useEffect(() => {
    const form = formRef.current;
    if (!form || !result) return;
    if (result.ok) form.reset();
    else {
      const password = form.elements.namedItem("password");
      if (password instanceof HTMLInputElement) password.value = "";
    }
  }, [result]);

  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to="/administracion">Administración</Link>
        </p>
        <h1>Usuarios</h1>
        <p className="page-header__lead">Cuentas con acceso al sistema, su perfil y las unidades por las que reportan.</p>
      </header>

      <section aria-labelledby="users-title">
        <h2 id="users-title">
          Cuentas ({users.length})
        </h2>
        <p className="muted">Las cuentas inactivas conservan su historial, pero no pueden ingresar.</p>
        {/* Focusable so that a keyboard can scroll the table sideways on a narrow screen. */}
        <div className="table-wrap" role="region" aria-labelledby="users-title" tabIndex={0}>
          <table className="table" style={TABLE_STYLE}>
            <thead>
              <tr>
                <th scope="col">Nombre</th>
                <th scope="col">Correo</th>
                <th scope="col">Perfil</th>
                <th scope="col">Unidades</th>
                <th scope="col">Estado</th>
                <th scope="col">Acciones</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user, index) => (
                <tr key={user.id}>
                  <th scope="row" style={index === users.length - 1 ? LAST_ROW_HEADER_STYLE : ROW_HEADER_STYLE}>
                    {user.name}
                  </th>
                  <td>{user.email}</td>
                  <td>{ROLE_LABELS[user.role]}</td>
                  <td>{user.unit_names.length > 0 ? user.unit_names.join(" · ") : <span className="muted">—</span>}</td>
                  <td>
                    <span className={`tag${user.is_active ? "" : " tag--inactive"}`}>
                      {user.is_active ? "Activo" : "Inactivo"}
                    </span>
                  </td>
                  <td>
                    <Link to={`/administracion/usuarios/${user.id}`} aria-label={`Editar a ${user.name}`}>
                      Editar
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="new-user-title" style={{ marginTop: "var(--space-8)" }}>
        <h2 id="new-user-title">
          Nuevo usuario
        </h2>
        {result?.ok ? (
          <div className="alert alert--success" role="status">
            <p style={{ margin: 0 }}>Se creó la cuenta de {result.name}.</p>
            {result.temporaryPassword ? (
              <>
                <p style={{ margin: "var(--space-2) 0 0" }}>
                  Contraseña temporal para {result.email}: <code style={SECRET_STYLE}>{result.temporaryPassword}</code>
                </p>
                <p style={{ margin: "var(--space-2) 0 0" }}>
                  Cópiela ahora y entréguela a la persona por un canal seguro: no se volverá a mostrar.
                </p>
              </>
            ) : null}
          </div>
        ) : null}
        {failure ? (
          <p className="alert alert--error" role="alert">
            {failure.message}
          </p>
        ) : null}
        <Form method="post" className="form" noValidate ref={formRef}>
          <div className="form-grid">
            <TextField
              name="email"
              label="Correo"
              type="email"
              autoComplete="off"
              defaultValue={values?.email}
              error={issueFor(issues, "email")}
            />
            <TextField
              name="name"
              label="Nombre"
              autoComplete="off"
              defaultValue={values?.name}
              error={issueFor(issues, "name")}
            />
            <RoleField defaultValue={values?.role} error={issueFor(issues, "role")} />
          </div>
          <UnitsField units={units} defaultValue={values?.unitIds} error={issueFor(issues, "unitIds")} />
          <div className="form-grid">
            <TextField
              name="password"
              label="Contraseña (opcional)"
              type="password"
              autoComplete="new-password"
              hint="Si la deja en blanco se genera una contraseña temporal que se mostrará una sola vez."
              error={issueFor(issues, "password")}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={submitting}>
              {submitting ? "Creando…" : "Crear usuario"}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
