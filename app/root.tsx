import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getSignedIn } from "~/auth/session.server";
import { AppShell } from "~/components/AppShell";
import { useNonce } from "~/components/nonce";
import { isPublicPath, navigationFor } from "~/domain/navigation";
import { ROLE_LABELS } from "~/domain/roles";
import { getCurrentPlan } from "~/services/plan-overview.server";
import appStyles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Planificación estratégica y control de gestión · GORE RMS" },
  { name: "description", content: "Plan de gobierno abierto del Gobierno Regional Metropolitano de Santiago" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const signedIn = await getSignedIn(request);
  if (!signedIn && !isPublicPath(url.pathname)) {
    const back = `${url.pathname}${url.search}`;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  const plan = await getCurrentPlan();
  const user = signedIn ? { name: signedIn.user.name, roleLabel: ROLE_LABELS[signedIn.user.role] } : null;
  return {
    planName: plan?.name ?? null,
    isDemo: plan?.is_demo ?? false,
    user,
    navigation: signedIn ? navigationFor(signedIn.user.role) : [],
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="es-CL">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  return (
    <AppShell planName={data.planName} isDemo={data.isDemo} user={data.user} navigation={data.navigation}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const { title, detail } = describeError(error);
  return (
    <AppShell
      planName={data?.planName ?? null}
      isDemo={data?.isDemo ?? false}
      user={data?.user ?? null}
      navigation={data?.navigation ?? []}
    >
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{title}</h1>
        <p>{detail}</p>
        <p>
          <a href="/">Volver al tablero</a>
        </p>
      </section>
    </AppShell>
  );
}

function describeError(error: unknown): { title: string; detail: string } {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      // Remix's own "no route matches" 404 carries an internal English message: not for people.
      const fromApp = typeof error.data === "string" && error.data && !(error as { internal?: boolean }).internal;
      const detail = fromApp ? (error.data as string) : "La dirección no existe o esta sección aún no está disponible.";
      return { title: "Página no encontrada", detail };
    }
    if (error.status === 403) {
      return {
        title: "Acceso no autorizado",
        detail: typeof error.data === "string" && error.data ? error.data : "Su perfil no tiene permiso para ver esta página.",
      };
    }
    return { title: `Error ${error.status}`, detail: typeof error.data === "string" ? error.data : error.statusText };
  }
  return {
    title: "Ocurrió un error inesperado",
    detail: "No se pudo completar la solicitud. Intente nuevamente; si el problema continúa, avise al equipo de soporte.",
  };
}
