import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { serializeSessionCookie } from "~/auth/cookies.server";
import { getSignedIn, safeRedirectPath } from "~/auth/session.server";
import { getAppDb } from "~/db.server";
import { failureResponse } from "~/http/responses.server";
import { login } from "~/services/auth.server";

export const meta: MetaFunction = () => [{ title: "Ingresar · GORE RMS" }];

/** A throttled sign-in tells the browser how long to wait. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await getSignedIn(request);
  if (signedIn) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  try {
    const { cookie } = await login(getAppDb().db, {
      email: form.get("email"),
      password: form.get("password"),
      ip: context.clientIp ?? "desconocida",
      requestId: context.requestId ?? "sin-id",
    });
    return redirect(safeRedirectPath(form.get("redirectTo")), {
      headers: { "Set-Cookie": serializeSessionCookie(cookie, request) },
    });
  } catch (error) {
    return failureResponse(error);
  }
}

export default function Login() {
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="login card" aria-labelledby="login-title">
      <h1 id="login-title">Ingresar</h1>
      <p className="muted">Planificación estratégica y control de gestión del GORE RMS.</p>
      {failure ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <div className="field">
          <label htmlFor="email">Correo institucional</label>
          <input id="email" name="email" type="email" autoComplete="username" required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="password">Contraseña</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? "Ingresando…" : "Ingresar"}
        </button>
      </Form>
    </section>
  );
}
