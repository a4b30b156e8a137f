import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireServiceContext, requireSignedIn } from "~/auth/session.server";
import { MIN_PASSWORD_LENGTH } from "~/domain/passwords";
import { ROLE_LABELS } from "~/domain/roles";
import { issueFor } from "~/domain/validation";
import { failureResponse } from "~/http/responses.server";
import { changeOwnPassword } from "~/services/auth.server";

export const meta: MetaFunction = () => [{ title: "Mi cuenta · GORE RMS" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireSignedIn(request);
  return { name: user.name, email: user.email, roleLabel: ROLE_LABELS[user.role] };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { session } = await requireSignedIn(request);
  const ctx = await requireServiceContext(request, context);
  const form = Object.fromEntries(await request.formData());
  try {
    await changeOwnPassword(ctx, session.id, form);
    return { ok: true as const, message: "Contraseña actualizada. Se cerraron sus otras sesiones." };
  } catch (error) {
    return failureResponse(error);
  }
}

export default function MiCuenta() {
  const account = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const issues = result && !result.ok ? result.issues : undefined;
  return (
    <>
      <header className="page-header">
        <h1>Mi cuenta</h1>
        <p className="page-header__lead">
          {account.name} · {account.email} · {account.roleLabel}
        </p>
      </header>
      <section className="card narrow" aria-labelledby="password-title">
        <h2 id="password-title">Cambiar contraseña</h2>
        {result ? (
          <p className={`alert ${result.ok ? "alert--success" : "alert--error"}`} role={result.ok ? "status" : "alert"}>
            {result.message}
          </p>
        ) : null}
        <Form method="post" className="form" noValidate>
          <PasswordField name="currentPassword" label="Contraseña actual" autoComplete="current-password" error={issueFor(issues, "currentPassword")} />
          <PasswordField
            name="newPassword"
            label="Nueva contraseña"
            hint={`Al menos ${MIN_PASSWORD_LENGTH} caracteres; evite contraseñas comunes.`}
            autoComplete="new-password"
            error={issueFor(issues, "newPassword")}
          />
          <PasswordField name="confirmPassword" label="Repita la nueva contraseña" autoComplete="new-password" error={issueFor(issues, "confirmPassword")} />
          <button type="submit" className="button button--primary">
            Guardar contraseña
          </button>
        </Form>
      </section>
    </>
  );
}

function PasswordField(props: { name: string; label: string; hint?: string; autoComplete: string; error?: string }) {
  const hintId = props.hint ? `${props.name}-hint` : undefined;
  const errorId = props.error ? `${props.name}-error` : undefined;
  return (
    <div className={`field${props.error ? " field--invalid" : ""}`}>
      <label htmlFor={props.name}>{props.label}</label>
      {props.hint ? (
        <p id={hintId} className="field__hint">
          {props.hint}
        </p>
      ) : null}
      <input
        id={props.name}
        name={props.name}
        type="password"
        autoComplete={props.autoComplete}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        required
      />
      {props.error ? (
        <p id={errorId} className="field__error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
