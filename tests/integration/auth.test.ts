import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { luciaFor } from "../../app/auth/lucia.server";
import { changeOwnPassword, login, logout, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, WRONG_CREDENTIALS } from "../../app/services/auth.server";
import { TooManyAttemptsError, ValidationError } from "../../app/services/errors";
import { setUserActivation } from "../../app/services/users.server";
import { DEMO_PASSPHRASE } from "../../db/seed/demo";
import { openTestDb, type TestDb } from "../support/db";
import { seedDemoWithContexts, type DemoContexts } from "../support/demo-actors";

const ip = "10.0.0.1";
const attempt = (db: TestDb["db"], email: string, secret: string, from = ip) =>
  login(db, { email, password: secret, ip: from, requestId: "test" });

describe("sign-in, throttling and sessions", () => {
  let testDb: TestDb;
  let contexts: DemoContexts;

  beforeAll(async () => {
    testDb = await openTestDb();
    contexts = await seedDemoWithContexts(testDb.db);
  });
  beforeEach(async () => {
    await testDb.db.deleteFrom("login_attempts").execute();
  });
  afterAll(() => testDb.close());

  it("signs in with the right password, case-insensitive e-mail, and records the sign-in", async () => {
    const { cookie, userId } = await attempt(testDb.db, "  Visor@Demo.Gore.CL ", DEMO_PASSPHRASE);
    expect(cookie.attributes.httpOnly).toBe(true);
    expect(cookie.attributes.sameSite).toBe("lax");
    const { user } = await luciaFor(testDb.db).validateSession(cookie.value);
    expect(user?.id).toBe(userId);
    const event = await testDb.db.selectFrom("audit_events").select("action").where("user_id", "=", userId).executeTakeFirst();
    expect(event?.action).toBe("session.login");
  });

  it("answers a wrong password and an unknown account with the same message", async () => {
    await expect(attempt(testDb.db, "visor@demo.gore.cl", "no-es-la-clave")).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(attempt(testDb.db, "nadie@demo.gore.cl", DEMO_PASSPHRASE)).rejects.toThrow(WRONG_CREDENTIALS);
  });

  it("blocks an account after 5 failures in 15 minutes, even with the right password, and says how long to wait", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await expect(attempt(testDb.db, "comite@demo.gore.cl", `mala-${i}`)).rejects.toBeInstanceOf(ValidationError);
    }
    const blocked = await attempt(testDb.db, "comite@demo.gore.cl", DEMO_PASSPHRASE).catch((error) => error);
    expect(blocked).toBeInstanceOf(TooManyAttemptsError);
    expect(blocked.retryAfterSeconds).toBeGreaterThan(800);
    expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(900);
    expect(blocked.message).toMatch(/Espere 15 minutos/);
    // Another account from another address is not affected.
    await expect(attempt(testDb.db, "visor@demo.gore.cl", DEMO_PASSPHRASE, "10.0.0.2")).resolves.toBeDefined();
  });

  it("unblocks the account once its failures are older than the window", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await attempt(testDb.db, "comite@demo.gore.cl", `mala-${i}`).catch(() => undefined);
    }
    await testDb.db.updateTable("login_attempts").set({ attempted_at: new Date(Date.now() - 16 * 60 * 1000) }).execute();
    await expect(attempt(testDb.db, "comite@demo.gore.cl", DEMO_PASSPHRASE)).resolves.toBeDefined();
  });

  it("blocks an address that fails across many accounts", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await attempt(testDb.db, `persona${i}@demo.gore.cl`, "x", "10.9.9.9").catch(() => undefined);
    }
    await expect(attempt(testDb.db, "visor@demo.gore.cl", DEMO_PASSPHRASE, "10.9.9.9")).rejects.toBeInstanceOf(TooManyAttemptsError);
  });

  it("ends the session on the server at logout", async () => {
    const { cookie } = await attempt(testDb.db, "visor@demo.gore.cl", DEMO_PASSPHRASE);
    const blank = await logout(testDb.db, cookie.value);
    expect(blank.value).toBe("");
    expect((await luciaFor(testDb.db).validateSession(cookie.value)).session).toBeNull();
  });

  it("ends the user's other sessions when they change their password, and keeps this one", async () => {
    const lucia = luciaFor(testDb.db);
    const here = await attempt(testDb.db, "jefatura@demo.gore.cl", DEMO_PASSPHRASE);
    const elsewhere = await attempt(testDb.db, "jefatura@demo.gore.cl", DEMO_PASSPHRASE, "10.0.0.3");
    const input = { currentPassword: DEMO_PASSPHRASE, newPassword: "Una frase bastante larga 2026", confirmPassword: "Una frase bastante larga 2026" };
    await changeOwnPassword(contexts.unit_head, here.cookie.value, input);
    expect((await lucia.validateSession(here.cookie.value)).session).not.toBeNull();
    expect((await lucia.validateSession(elsewhere.cookie.value)).session).toBeNull();
    await expect(attempt(testDb.db, "jefatura@demo.gore.cl", DEMO_PASSPHRASE)).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(attempt(testDb.db, "jefatura@demo.gore.cl", input.newPassword)).resolves.toBeDefined();
  });

  it.each([
    [{ currentPassword: "mala", newPassword: "Una frase bastante larga 2027", confirmPassword: "Una frase bastante larga 2027" }, "Contraseña actual: no es correcta"],
    [{ currentPassword: DEMO_PASSPHRASE, newPassword: "corta", confirmPassword: "corta" }, "Nueva contraseña: debe tener al menos 12 caracteres"],
    [{ currentPassword: DEMO_PASSPHRASE, newPassword: "password1234", confirmPassword: "password1234" }, "Nueva contraseña: es demasiado común"],
    [{ currentPassword: DEMO_PASSPHRASE, newPassword: "Una frase bastante larga", confirmPassword: "otra cosa distinta" }, "Confirmación: no coincide"],
  ])("refuses a bad password change with a message that names the field (%#)", async (input, message) => {
    const error = await changeOwnPassword(contexts.viewer, "sin-sesion", input).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain(message);
  });

  it("ends a deactivated user's sessions at once and refuses their sign-in", async () => {
    const { cookie } = await attempt(testDb.db, "visor@demo.gore.cl", DEMO_PASSPHRASE);
    await setUserActivation(contexts.admin, contexts.viewer.actor.id, false);
    expect((await luciaFor(testDb.db).validateSession(cookie.value)).session).toBeNull();
    await expect(attempt(testDb.db, "visor@demo.gore.cl", DEMO_PASSPHRASE)).rejects.toThrow(WRONG_CREDENTIALS);
    await setUserActivation(contexts.admin, contexts.viewer.actor.id, true);
  });
});
