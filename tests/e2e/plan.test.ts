import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshotPath } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";
import { signIn } from "./support/session";

describe("the plan page and its editing", () => {
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

  it("lets a planner edit a pillar's description, refusing a bad weight, and shows it on /plan", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, server.baseUrl, "planificacion@demo.gore.cl");
    await page.goto(`${server.baseUrl}/plan`);
    await page.getByRole("link", { name: "Editar pilar Modernización" }).click();
    await page.waitForURL(/\/plan\/pilares\/\d+$/);

    await page.getByLabel("Peso").fill("-1");
    await page.getByRole("button", { name: "Guardar cambios" }).click();
    await expect.poll(() => page.getByText("Peso: no puede ser negativo").count()).toBe(1);

    const description = "Descripción editada en la prueba de navegador: datos abiertos y servicios digitales.";
    await page.getByLabel("Peso").fill("0,4");
    await page.getByLabel("Descripción").fill(description);
    await page.getByRole("button", { name: "Guardar cambios" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Cambios guardados.");

    await page.getByRole("link", { name: "Volver al plan" }).click();
    await page.waitForURL((url) => url.pathname === "/plan");
    expect(await page.getByText(description).count()).toBe(1);
    await page.screenshot({ path: screenshotPath("plan-planificacion-1366"), fullPage: true });
    await page.close();
  });

  it("shows a viewer the plan without any edit control, and refuses the edit pages", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, server.baseUrl, "visor@demo.gore.cl");
    await page.goto(`${server.baseUrl}/plan`);
    for (const heading of ["Definiciones estratégicas", "Pilares", "Ejes transversales", "Objetivos estratégicos"]) {
      expect(await page.getByRole("heading", { name: heading, exact: true }).count()).toBe(1);
    }
    expect(await page.getByText("Un GORE 2.0", { exact: true }).count()).toBe(1);
    expect(await page.getByRole("link", { name: /^Editar/ }).count()).toBe(0);
    expect(await page.getByRole("link", { name: /Ajustes del plan|Agregar|Nuevo plan/ }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath("plan-visor-390"), fullPage: true });
    const response = await page.goto(`${server.baseUrl}/plan/ajustes`);
    expect(response?.status()).toBe(403);
    await page.close();
  });
});
