import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { serializeSessionCookie } from "~/auth/cookies.server";
import { getSignedIn } from "~/auth/session.server";
import { getAppDb } from "~/db.server";
import { logout } from "~/services/auth.server";

/** Signing out is a POST (a link could be triggered by another site); GET just goes home. */
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const signedIn = await getSignedIn(request);
  if (!signedIn) return redirect("/login");
  const blank = await logout(getAppDb().db, signedIn.session.id);
  return redirect("/login", { headers: { "Set-Cookie": serializeSessionCookie(blank, request) } });
}
