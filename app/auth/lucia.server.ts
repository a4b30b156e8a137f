import type { Kysely } from "kysely";
import { Lucia, TimeSpan } from "lucia";
import { KyselySessionAdapter } from "../../db/queries/sessions";
import type { Database, Role } from "../../db/schema";

export const SESSION_COOKIE = "gore_sesion";

/**
 * Sessions last 12 hours from the last activity: lucia moves the expiry forward on use
 * (sliding), server-side. The cookie itself has no expiry date, so nothing needs re-sending
 * when the session slides, and closing the browser ends it as well.
 */
export function createLucia(db: Kysely<Database>) {
  return new Lucia(new KyselySessionAdapter(db), {
    sessionExpiresIn: new TimeSpan(12, "h"),
    sessionCookie: { name: SESSION_COOKIE, expires: false, attributes: { sameSite: "lax", secure: false } },
    getUserAttributes: (attributes) => ({ email: attributes.email, name: attributes.name, role: attributes.role }),
  });
}

export type AppLucia = ReturnType<typeof createLucia>;

const instances = new WeakMap<Kysely<Database>, AppLucia>();

export function luciaFor(db: Kysely<Database>): AppLucia {
  let lucia = instances.get(db);
  if (!lucia) {
    lucia = createLucia(db);
    instances.set(db, lucia);
  }
  return lucia;
}

declare module "lucia" {
  interface Register {
    Lucia: AppLucia;
    UserId: number;
    DatabaseUserAttributes: { email: string; name: string; role: Role };
  }
}
