import type { Kysely } from "kysely";
import type { Cookie } from "lucia";
import { clearFailures, countRecentFailures, recordFailure } from "../../db/queries/login-attempts";
import { insertAuditEvent } from "../../db/queries/audit";
import { deleteUserSessions, findPasswordHash, findUserForLogin, setPasswordHash } from "../../db/queries/users";
import type { Database } from "../../db/schema";
import { luciaFor } from "../auth/lucia.server";
import { hashPassword, verifyPassword } from "../auth/password.server";
import { changePasswordSchema, loginSchema, USER_FIELD_LABELS } from "../domain/schemas/users";
import { parseInput } from "../domain/validation";
import type { ServiceContext } from "./context.server";
import { recordAudit } from "./audit.server";
import { TooManyAttemptsError, ValidationError } from "./errors";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Higher than per account: an office behind one address has many people signing in. */
export const MAX_FAILURES_PER_ADDRESS = 20;

export const WRONG_CREDENTIALS = "Correo o contraseña incorrectos";

// Compared against when the account does not exist, so that both answers take as long.
const UNKNOWN_USER_HASH = hashPassword("una contraseña que nadie tiene");

export interface LoginRequest {
  email: unknown;
  password: unknown;
  ip: string;
  requestId: string;
}

/**
 * Signs in, or explains why not without saying which of the two was wrong. Failures are
 * counted in the database per account and per address; past the limit, a 429 with the wait.
 */
export async function login(db: Kysely<Database>, request: LoginRequest): Promise<{ cookie: Cookie; userId: number }> {
  const parsed = loginSchema.safeParse({ email: request.email, password: request.password });
  const email = parsed.success ? parsed.data.email : "";
  const password = parsed.success ? parsed.data.password : "";

  const now = Date.now();
  const failures = await countRecentFailures(db, email, request.ip, new Date(now - LOGIN_WINDOW_MS));
  const blockedBy = [
    failures.byEmail.count >= MAX_FAILURES_PER_ACCOUNT ? failures.byEmail.oldest : null,
    failures.byIp.count >= MAX_FAILURES_PER_ADDRESS ? failures.byIp.oldest : null,
  ].filter((oldest): oldest is Date => oldest !== null);
  if (blockedBy.length > 0) {
    const unblockAt = Math.max(...blockedBy.map((oldest) => oldest.getTime() + LOGIN_WINDOW_MS));
    throw new TooManyAttemptsError(Math.ceil((unblockAt - now) / 1000));
  }

  const user = email ? await findUserForLogin(db, email) : undefined;
  const passwordOk = user?.password_hash
    ? await verifyPassword(user.password_hash, password)
    : await verifyPassword(await UNKNOWN_USER_HASH, password).then(() => false);

  if (!user || !user.is_active || !passwordOk) {
    await recordFailure(db, email, request.ip);
    throw new ValidationError([{ field: "_", message: WRONG_CREDENTIALS }]);
  }

  await clearFailures(db, email);
  const lucia = luciaFor(db);
  const session = await lucia.createSession(user.id, {});
  await insertAuditEvent(db, {
    userId: user.id,
    action: "session.login",
    entityType: "user",
    entityId: user.id,
    requestId: request.requestId,
  });
  return { cookie: lucia.createSessionCookie(session.id), userId: user.id };
}

export async function logout(db: Kysely<Database>, sessionId: string): Promise<Cookie> {
  const lucia = luciaFor(db);
  await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie();
}

/** Changes one's own password; every other session of the user ends, this one stays. */
export async function changeOwnPassword(ctx: ServiceContext, currentSessionId: string, input: unknown): Promise<void> {
  const parsed = parseInput(changePasswordSchema, input, USER_FIELD_LABELS);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  const storedHash = await findPasswordHash(ctx.db, ctx.actor.id);
  if (!storedHash || !(await verifyPassword(storedHash, parsed.data.currentPassword))) {
    throw new ValidationError([{ field: "currentPassword", message: "Contraseña actual: no es correcta" }]);
  }
  const newHash = await hashPassword(parsed.data.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, ctx.actor.id, newHash);
    await deleteUserSessions(trx, ctx.actor.id, currentSessionId);
    await recordAudit(trx, ctx, { action: "user.password_change", entityType: "user", entityId: ctx.actor.id });
  });
}
