import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshotPath } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";
import { DEMO_SECRET, signIn } from "./support/session";

const MENUS: Record<string, string[]> = {
  "admin@demo.gore.cl": ["Tablero", "Plan", "Indicadores", "Plan de acción", "Reportar", "Validar", "Reportes", "Importar", "Administración"],
  "planificacion@demo.gore.cl": ["Tablero", "Plan", "Indicadores", "Plan de acción", "Reportar", "Validar", "Reportes", "Importar", "Administración"],
  "comite@demo.gore.cl": ["Tablero", "Plan", "Indicadores", "Plan de acción", "Validar", "Reportes"],
  "jefatura@demo.gore.cl": ["Tablero", "Plan", "Indicadores", "Plan de acción", "Reportar"],
  "visor@demo.gore.cl": ["Tablero", "Plan", "Indicadores", "Plan de acción"],
};

describe("sign-in in the browser", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sends a visitor without a session to /login and back to the page asked for after signing in", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/mi-cuenta`);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("redirectTo")).toBe("/mi-cuenta");
    await page.screenshot({ path: screenshotPath("login") });
    await page.getByLabel("Correo institucional").fill("visor@demo.gore.cl");
    await page.getByLabel("Contraseña").fill(DEMO_SECRET);
    await Promise.all([page.waitForURL(/\/mi-cuenta$/), page.getByRole("button", { name: "Ingresar" }).click()]);
    // The URL changes a moment before the client renders the new page.
    await page.getByRole("heading", { name: "Mi cuenta", level: 1 }).waitFor();
    await page.close();
  });

  it("says 'Correo o contraseña incorrectos' without telling which", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel("Correo institucional").fill("visor@demo.gore.cl");
    await page.getByLabel("Contraseña").fill("otra-clave-cualquiera");
    await page.getByRole("button", { name: "Ingresar" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("Correo o contraseña incorrectos");
    await page.close();
  });

  it.each(Object.entries(MENUS))("shows %s the menu of their role", async (email, expected) => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, server.baseUrl, email);
    const links = await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link").allTextContents();
    expect(links).toEqual(expected);
    await page.screenshot({ path: screenshotPath(`menu-${email.split("@")[0]}`) });
    await page.getByRole("button", { name: "Cerrar sesión" }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(server.baseUrl);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.close();
  });

  it("gives a signed-in user without the right a Spanish 403 page, not a stack trace", async () => {
    const page = await browser.newPage();
    await signIn(page, server.baseUrl, "jefatura@demo.gore.cl");
    const response = await page.goto(`${server.baseUrl}/administracion/usuarios`);
    expect(response?.status()).toBe(403);
    expect(await page.getByRole("heading", { name: "Acceso no autorizado" }).count()).toBe(1);
    expect(await page.content()).not.toMatch(/at .*\.js:\d+/);
    await page.close();
  });

  it("refuses a forged cross-origin POST with 403 and sends security headers", async () => {
    const forged = await fetch(`${server.baseUrl}/login`, {
      method: "POST",
      headers: { Origin: "https://sitio-malicioso.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=visor%40demo.gore.cl&password=demo-gore-2023",
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
    const noOrigin = await fetch(`${server.baseUrl}/logout`, { method: "POST", redirect: "manual" });
    expect(noOrigin.status).toBe(403);

    const page = await fetch(`${server.baseUrl}/login`);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("answers 429 with the wait time after 5 failed sign-ins", async () => {
    const post = (secret: string) =>
      fetch(`${server.baseUrl}/login`, {
        method: "POST",
        headers: { Origin: server.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
        body: `email=planificacion%40demo.gore.cl&password=${secret}`,
        redirect: "manual",
      });
    for (let i = 0; i < 5; i++) expect((await post(`mala${i}`)).status).toBe(422);
    const blocked = await post(DEMO_SECRET);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("keeps every internal page behind sign-in; only /login and /healthz answer without a session", async () => {
    for (const path of ["/", "/mi-cuenta", "/administracion", "/administracion/usuarios", "/administracion/auditoria"]) {
      const response = await fetch(`${server.baseUrl}${path}`, { redirect: "manual" });
      expect([302, 303]).toContain(response.status);
      expect(response.headers.get("location")).toMatch(/^\/login/);
    }
    expect((await fetch(`${server.baseUrl}/login`)).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });
});
