import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshotPath } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";
import { signIn } from "./support/session";

describe("reporting periods in the browser", () => {
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

  it("lets a planner close a period after confirming it, and shows it closed", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, server.baseUrl, "planificacion@demo.gore.cl");
    await page.goto(`${server.baseUrl}/plan/periodos?anio=2025`);
    const row = page.getByRole("row", { name: /octubre 2025/ });
    expect(await row.getByText("Abierto", { exact: true }).count()).toBe(1);

    await row.getByRole("button", { name: "Cerrar octubre 2025" }).click();
    const confirmation = page.getByRole("alert").filter({ hasText: "¿Cerrar el periodo octubre 2025?" });
    await confirmation.waitFor();
    expect(await confirmation.textContent()).toMatch(/Las jefaturas ya no podrán reportar en él; quedan? \d+ mediciones? en borrador\./);
    // Nothing changed yet: the first step only asks.
    expect(await row.getByText("Abierto", { exact: true }).count()).toBe(1);

    await confirmation.getByRole("button", { name: "Confirmar" }).click();
    await page.getByText("Se cerró el periodo octubre 2025.").waitFor();
    // The revalidated row may render a moment after the message.
    await row.getByText("Cerrado", { exact: true }).waitFor();
    await row.getByText(/por Daniela Contreras Vidal/).waitFor();
    expect(await row.getByRole("button", { name: "Reabrir octubre 2025" }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath("periodos-cerrado-1366"), fullPage: true });
    await page.close();
  });

  it("shows a viewer the periods without any button, at a phone's width", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, server.baseUrl, "visor@demo.gore.cl");
    await page.goto(`${server.baseUrl}/plan/periodos?anio=2025`);
    expect(await page.getByRole("heading", { name: "Periodos de reporte", level: 1 }).count()).toBe(1);
    expect(await page.getByRole("row", { name: /marzo 2025/ }).getByText("Cerrado", { exact: true }).count()).toBe(1);
    expect(await page.locator("main button").count()).toBe(0);
    expect(await page.getByRole("columnheader", { name: "Acciones" }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath("periodos-visor-390"), fullPage: true });
    await page.close();
  });
});
