import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshotPath } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";
import { signIn } from "./support/session";

describe("the dashboard (tablero)", () => {
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

  it("shows the demo plan's scores and drills down plan → pillar → objective → indicator, explaining each number", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, server.baseUrl, "comite@demo.gore.cl");
    await page.getByRole("heading", { name: "Puntaje del plan" }).waitFor();
    expect(await page.locator(".score-card__value").first().textContent()).toMatch(/^\d{1,3},\d %$/);
    // Status is never colour alone: the word is there too.
    expect(await page.locator(".status__text").first().textContent()).toMatch(/cumplido|en riesgo|no cumplido|sin datos/);

    await page.getByRole("link", { name: "Transparencia", exact: true }).click();
    await page.getByRole("heading", { name: "Objetivos de Transparencia" }).waitFor();
    await page.locator("table a").first().click();
    await page.waitForURL(/objetivo=/);
    const indicatorLinks = page.locator("table th a");
    await indicatorLinks.first().waitFor();
    expect(await indicatorLinks.count()).toBeGreaterThan(0);
    const how = page.locator("table details.how").first();
    await how.locator("summary").click();
    expect(await how.textContent()).toMatch(/Cumplimiento|Sin mediciones|Sin meta/);
    await page.screenshot({ path: screenshotPath("tablero-objetivo"), fullPage: true });
    await indicatorLinks.first().click();
    await page.waitForURL(/\/indicadores\/\d+/);
    await page.close();
  });

  it("filters by period and counts submitted values only when asked", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, server.baseUrl, "planificacion@demo.gore.cl");
    await page.goto(`${server.baseUrl}/?periodo=2025-12&reportados=1`);
    expect(await page.getByText("incluyendo valores reportados aún no validados").count()).toBe(1);
    const response = await page.goto(`${server.baseUrl}/?periodo=2031-01`);
    expect(response?.status()).toBe(422);
    expect(await page.getByText("Periodo: 2031-01 no existe en este plan").count()).toBe(1);
    await page.close();
  });
});
