import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshotPath } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";
import { signIn } from "./support/session";

describe("the app on a fresh embedded database", () => {
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

  it("loads the demo plan on first start and prints the address and the demo accounts", () => {
    const log = server.output();
    expect(log).toContain("Se cargó el plan de demostración");
    expect(log).toContain("http://localhost:");
    expect(log).toContain("jefatura@demo.gore.cl");
  });

  it("answers /healthz with the database kind", async () => {
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "pglite" });
  });

  it("shows the Spanish shell with the plan, its pillars and the navigation at 1366x768", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, server.baseUrl, "admin@demo.gore.cl");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("es-CL");
    const nav = page.getByRole("navigation", { name: "Navegación principal" });
    for (const label of ["Tablero", "Plan", "Indicadores", "Plan de acción", "Reportes", "Administración"]) {
      expect(await nav.getByRole("link", { name: label, exact: true }).count()).toBe(1);
    }
    expect(await page.locator(".brand__plan").textContent()).toContain("Gobierno Abierto");
    expect(await page.getByText("Datos de demostración").first().isVisible()).toBe(true);
    for (const pillar of ["Modernización", "Transparencia", "Participación"]) {
      expect(await page.getByRole("heading", { name: pillar }).count()).toBe(1);
    }
    await page.screenshot({ path: screenshotPath("tablero-1366"), fullPage: true });
    await page.close();
  });

  it("reads well at a phone's width and answers unknown pages with a Spanish 404", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, server.baseUrl, "visor@demo.gore.cl");
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath("tablero-390"), fullPage: true });
    const response = await page.goto(`${server.baseUrl}/no-existe`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole("heading", { name: "Página no encontrada" }).count()).toBe(1);
    await page.close();
  });
});
