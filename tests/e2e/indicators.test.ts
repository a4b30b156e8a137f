import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshotPath } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";
import { signIn } from "./support/session";

describe("indicators in the browser", () => {
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

  it("a planner filters by pillar and status, opens an indicator, sees its chart and saves a target", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, server.baseUrl, "planificacion@demo.gore.cl");
    await page.goto(`${server.baseUrl}/indicadores`);
    expect(await page.getByRole("link", { name: "Nuevo indicador" }).count()).toBe(1);

    await page.getByLabel("Pilar").selectOption({ label: "Transparencia" });
    await page.getByLabel("Estado").selectOption({ label: "Cumplido" });
    await Promise.all([page.waitForURL(/estado=cumplido/), page.getByRole("button", { name: "Filtrar" }).click()]);
    expect(page.url()).toMatch(/pilar=\d+/);
    const rows = page.locator("table.indicator-table tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allInnerTexts()) {
      expect(text).toContain("Transparencia");
      expect(text).toContain("Cumplido");
    }
    await page.screenshot({ path: screenshotPath("indicadores-lista-filtrada"), fullPage: true });

    await Promise.all([page.waitForURL(/\/indicadores\/\d+$/), rows.first().getByRole("link").click()]);
    const chart = page.locator("svg[role=img]");
    await chart.waitFor();
    expect(await chart.count()).toBe(1);
    expect(await chart.locator("> title").textContent()).toMatch(/valor medido y meta por periodo/);

    await Promise.all([page.waitForURL(/anio=2026/), page.getByRole("link", { name: "2026", exact: true }).click()]);
    const target = page.getByRole("textbox", { name: /^Meta 2026/ }).first();
    await target.fill("123,5");
    await page.getByRole("button", { name: "Guardar metas" }).click();
    await page.getByText("Se guardó 1 meta.").waitFor();
    expect(
      await page
        .getByRole("textbox", { name: /^Meta 2026/ })
        .first()
        .inputValue()
    ).toBe("123,5");
    await page.screenshot({ path: screenshotPath("indicadores-detalle"), fullPage: true });
    await page.close();
  });

  it("a viewer reads the list and an indicator without any edit control", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, server.baseUrl, "visor@demo.gore.cl");
    await page.goto(`${server.baseUrl}/indicadores`);
    expect(await page.getByRole("link", { name: "Nuevo indicador" }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.locator("table.indicator-table tbody tr").first().getByRole("link").click();
    await page.waitForURL(/\/indicadores\/\d+$/);
    await page.locator("svg[role=img]").waitFor();
    expect(await page.locator("svg[role=img] > title").count()).toBe(1);
    expect(await page.getByRole("link", { name: "Editar definición" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Guardar metas" }).count()).toBe(0);
    expect(await page.locator("input[name^=target-]").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const response = await page.goto(`${server.baseUrl}/indicadores/nuevo`);
    expect(response?.status()).toBe(403);
    await page.close();
  });
});
