import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { Session, User } from "lucia";
import type { Role } from "../../db/schema";
import { getAppDb } from "../db.server";
import { loadActor, type ServiceContext } from "../services/context.server";
import { luciaFor } from "./lucia.server";

export interface SignedIn {
  user: User;
  session: Session;
}

/** The signed-in user of a request, or null; a deactivated user's session counts as none. */
export async function getSignedIn(request: Request): Promise<SignedIn | null> {
  const lucia = luciaFor(getAppDb().db);
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return null;
  const { user, session } = await lucia.validateSession(sessionId);
  return user && session ? { user, session } : null;
}

/** Only same-site paths: anything else (another host, `//evil`, `/\evil`) goes to the dashboard. */
export function safeRedirectPath(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.includes("\\")) {
    return fallback;
  }
  try {
    const url = new URL(target, "http://local.invalid");
    return url.origin === "http://local.invalid" ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  const query = back === "/" ? "" : `?redirectTo=${encodeURIComponent(back)}`;
  return redirect(`/login${query}`);
}

export async function requireSignedIn(request: Request): Promise<SignedIn> {
  const signedIn = await getSignedIn(request);
  if (!signedIn) throw loginRedirect(request);
  return signedIn;
}

export function forbidden(message = "Su perfil no tiene permiso para ver esta página."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden", headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Signed in and holding one of the roles, or a 403 page. */
export async function requireRole(request: Request, roles: readonly Role[]): Promise<SignedIn> {
  const signedIn = await requireSignedIn(request);
  if (!roles.includes(signedIn.user.role)) throw forbidden();
  return signedIn;
}

/** What a loader or action hands to a service: database, actor (with unit scope) and request id. */
export async function requireServiceContext(request: Request, context: AppLoadContext): Promise<ServiceContext> {
  const { user } = await requireSignedIn(request);
  const { db } = getAppDb();
  return { db, actor: await loadActor(db, user), requestId: context.requestId ?? "sin-id" };
}
