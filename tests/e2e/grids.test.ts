import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshotPath } from "./support/browser";
import { cell, cellText, gridStatus, pasteText, rowIndexOf, typeInto, unsavedCount, waitForCellText, waitForGrid } from "./support/grid";
import { startServer, type RunningServer } from "./support/server";
import { signIn } from "./support/session";

const UNIT_HEAD = "jefatura@demo.gore.cl";
const PLANNER = "planificacion@demo.gore.cl";
const COMMITTEE = "comite@demo.gore.cl";
const PLANNER_NAME = "Daniela Contreras Vidal";
/** The demo unit head's unit (DEMO_UNIT_HEAD_UNIT = "DTI"). */
const UNIT_HEAD_UNIT = "Departamento de Tecnologías de la Información";
/**
 * The demo's 2026 periods are all open and have no measurements yet, so every cell of the unit
 * head's indicators may be edited. The quarterly view of DTI: M2.1 and T2.3 report a value,
 * M2.2 and M3.1 are ratios (numerator and denominator).
 */
const QUARTERLY_2026 = "/reportar?anio=2026&periodicidad=quarterly";
const DTI_QUARTERLY = ["M2.1", "M2.2", "M3.1", "T2.3"];

describe("the editing grids in the browser", () => {
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

  async function openPage(email: string, path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, server.baseUrl, email);
    await page.goto(`${server.baseUrl}${path}`);
    await waitForGrid(page);
    return page;
  }

  /** The first period column group shown (1.er trimestre 2026 here): its id is the prefix of its columns' ids. */
  async function firstPeriodId(page: Page): Promise<string> {
    const colId = await page.locator('.ag-header-cell[col-id$=".value"]').first().getAttribute("col-id");
    return colId!.split(".")[0];
  }

  async function save(page: Page, expected: string) {
    await page.getByRole("button", { name: "Guardar cambios" }).click();
    await gridStatus(page).getByText(expected).waitFor();
  }

  it("lets the unit head type and paste values, save them, see them after a reload, and reports another person's change as a conflict", async () => {
    const page = await openPage(UNIT_HEAD, QUARTERLY_2026);
    // Only the unit head's own indicators, all of their unit.
    const codes = (await page.locator('.ag-cell[col-id="code"]').allTextContents()).map((code) => code.trim());
    expect(codes).toEqual(DTI_QUARTERLY);
    const units = await page.locator('.ag-cell[col-id="unit"]').allTextContents();
    expect(new Set(units.map((unit) => unit.trim()))).toEqual(new Set([UNIT_HEAD_UNIT]));
    expect(await page.locator(".ag-header-group-cell").first().textContent()).toContain("1.er trimestre 2026");
    const period = await firstPeriodId(page);
    const value = `${period}.value`;
    const numerator = `${period}.numerator`;
    const denominator = `${period}.denominator`;
    const m21 = await rowIndexOf(page, "code", "M2.1");
    const m22 = await rowIndexOf(page, "code", "M2.2");
    const t23 = await rowIndexOf(page, "code", "T2.3");

    // A decimal comma typed with the keyboard.
    await typeInto(page, cell(page, m21, value), "12,5");
    await waitForCellText(page, m21, value, "12,50");
    await unsavedCount(page).getByText("1 cambio sin guardar").waitFor();

    // A 3x2 block from a spreadsheet at the numerator of M2.2: M2.2 and M3.1 take it; T2.3
    // reports a value, not a ratio, so its two cells are refused and listed, not dropped.
    await cell(page, m22, numerator).click();
    await pasteText(page, "45\t50\n30,5\t40\n7\t8");
    await waitForCellText(page, m22, numerator, "45,00");
    await waitForCellText(page, m22 + 1, numerator, "30,50");
    await waitForCellText(page, m22 + 1, denominator, "40,00");
    const report = page.getByRole("region", { name: "Resultado del pegado" });
    await report.getByText("Se pegaron 4 celdas; 2 no se pudieron pegar:").waitFor();
    expect(await report.locator("li").allTextContents()).toEqual([
      expect.stringMatching(/T2\.3 .* · 1\.er trimestre 2026 · Numerador \(«7»\): Numerador: este indicador no es de razón/),
      expect.stringMatching(/T2\.3 .* · 1\.er trimestre 2026 · Denominador \(«8»\): Denominador: este indicador no es de razón/),
    ]);
    expect(await cellText(page, t23, numerator)).toBe("");
    await unsavedCount(page).getByText("5 cambios sin guardar").waitFor();
    await page.screenshot({ path: screenshotPath("grilla-reportar-pegado"), fullPage: true });

    await save(page, "Se guardaron 5 cambios.");
    await unsavedCount(page).getByText("Sin cambios por guardar").waitFor();

    await page.reload();
    await waitForGrid(page);
    await waitForCellText(page, m21, value, "12,50");
    await waitForCellText(page, m22, numerator, "45,00");
    await waitForCellText(page, m22, denominator, "50,00");
    await waitForCellText(page, m22 + 1, numerator, "30,50");
    await waitForCellText(page, m22 + 1, denominator, "40,00");
    // A ratio's value is computed by the server: 45 / 50 x 100.
    await waitForCellText(page, m22, value, "90,00");
    await page.screenshot({ path: screenshotPath("grilla-reportar-recargada"), fullPage: true });

    // Someone else changes the same cell in their own session meanwhile.
    const planner = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const other = await planner.newPage();
    await signIn(other, server.baseUrl, PLANNER);
    await other.goto(`${server.baseUrl}${QUARTERLY_2026}`);
    await waitForGrid(other);
    const theirRow = await rowIndexOf(other, "code", "M2.1");
    await waitForCellText(other, theirRow, value, "12,50");
    await typeInto(other, cell(other, theirRow, value), "20");
    await save(other, "Se guardó 1 cambio.");
    await planner.close();

    // The unit head, still on the grid loaded before that change, edits the same cell.
    await typeInto(page, cell(page, m21, value), "15");
    await page.getByRole("button", { name: "Guardar cambios" }).click();
    await gridStatus(page).getByText("No se guardó ningún cambio: 1 celda tiene problemas").waitFor();
    await cell(page, m21, value).and(page.locator(".grid-cell--conflict")).waitFor();
    const conflict = page.locator(".grid-problem--conflict");
    expect(await conflict.count()).toBe(1);
    const conflictText = await conflict.textContent();
    expect(conflictText).toContain("Valor de la otra persona: 20,00");
    expect(conflictText).toContain(PLANNER_NAME);
    expect(conflictText).toContain("Su valor: 15,00");
    await page.screenshot({ path: screenshotPath("grilla-reportar-conflicto"), fullPage: true });

    await conflict.getByRole("button", { name: "Usar el valor de la otra persona" }).click();
    await waitForCellText(page, m21, value, "20,00");
    await unsavedCount(page).getByText("Sin cambios por guardar").waitFor();
    expect(await page.locator(".grid-problem").count()).toBe(0);
    expect(await cell(page, m21, value).and(page.locator(".grid-cell--conflict")).count()).toBe(0);
    await page.close();
  });

  it("marks a value that is not a number, refuses to save it and saves nothing", async () => {
    const page = await openPage(UNIT_HEAD, QUARTERLY_2026);
    const value = `${await firstPeriodId(page)}.value`;
    const m21 = await rowIndexOf(page, "code", "M2.1");
    const t23 = await rowIndexOf(page, "code", "T2.3");
    const before = { m21: await cellText(page, m21, value), t23: await cellText(page, t23, value) };

    await typeInto(page, cell(page, t23, value), "9");
    await typeInto(page, cell(page, m21, value), "abc");
    await cell(page, m21, value).and(page.locator(".grid-cell--invalid")).waitFor();
    await unsavedCount(page).getByText("2 cambios sin guardar · Corrija 1 celda marcada").waitFor();
    expect(await page.getByRole("button", { name: "Guardar cambios" }).isDisabled()).toBe(true);
    const problem = page.locator(".grid-problem");
    expect(await problem.textContent()).toContain("Valor: debe ser un número");
    // Ctrl+S is refused on the client as well.
    await page.keyboard.press("Control+s");
    await gridStatus(page).getByText("Corrija 1 celda marcada antes de guardar.").waitFor();
    await page.screenshot({ path: screenshotPath("grilla-reportar-invalida"), fullPage: true });

    // Leaving asks first; after accepting, the database still has the old values.
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    await waitForGrid(page);
    expect(dialogs).toEqual(["beforeunload"]);
    await waitForCellText(page, m21, value, before.m21);
    await waitForCellText(page, t23, value, before.t23);
    await page.close();
  });

  it("lets a planner approve a submitted value and requires an observation to return one", async () => {
    const page = await openPage(PLANNER, "/validar");
    expect(await page.getByLabel("Mostrar").inputValue()).toBe("submitted");
    // AG Grid names each row by its id: the measurement's "<indicator>:<period>".
    const rowId = await page.locator('.ag-row[row-index="0"]').first().getAttribute("row-id");
    const approved = page.locator(`.ag-row[row-id="${rowId}"]`);
    expect(await approved.count()).toBeGreaterThan(0);

    await cell(page, 0, "ag-Grid-SelectionColumn").locator("input[type=checkbox]").check();
    await page.getByText("1 medición marcada.").waitFor();
    await page.getByRole("button", { name: "Aprobar marcadas" }).click();
    await page.getByRole("status").filter({ hasText: "Se aprobó 1 medición." }).waitFor();
    // The revalidated list no longer has it among the values sent to validation.
    await expect.poll(() => approved.count(), { timeout: 10_000 }).toBe(0);
    await page.screenshot({ path: screenshotPath("grilla-validar-aprobada"), fullPage: true });

    await cell(page, 0, "ag-Grid-SelectionColumn").locator("input[type=checkbox]").check();
    await page.getByRole("button", { name: "Devolver marcadas" }).click();
    await page.getByRole("alert").filter({ hasText: "Observación: es obligatoria al devolver" }).waitFor();
    await page.close();
  });

  it("lets a planner change a target and shows the committee the targets read-only", async () => {
    const page = await openPage(PLANNER, "/plan/metas?anio=2026");
    const row = await rowIndexOf(page, "code", "M2.1");
    const target = (await page.locator('.ag-header-cell[col-id^="target."]').nth(1).getAttribute("col-id"))!;
    expect(await page.locator(`.ag-header-cell[col-id="${target}"]`).textContent()).toContain("1.er trimestre 2026");
    await typeInto(page, cell(page, row, target), "88,5");
    await waitForCellText(page, row, target, "88,50");
    await save(page, "Se guardó 1 cambio.");
    await page.reload();
    await waitForGrid(page);
    await waitForCellText(page, row, target, "88,50");
    await page.close();

    const committee = await openPage(COMMITTEE, "/plan/metas?anio=2026");
    await committee.locator("p.alert--info").waitFor();
    expect(await committee.locator("p.alert--info").textContent()).toMatch(/\S/);
    const committeeRow = await rowIndexOf(committee, "code", "M2.1");
    const readOnly = cell(committee, committeeRow, target);
    expect(await readOnly.getAttribute("class")).toContain("grid-cell--readonly");
    await typeInto(committee, readOnly, "1");
    expect(await committee.locator(".ag-cell-inline-editing, .ag-cell input").count()).toBe(0);
    await waitForCellText(committee, committeeRow, target, "88,50");
    // Read-only for the committee: no save bar at all.
    expect(await committee.getByRole("button", { name: "Guardar cambios" }).count()).toBe(0);
    await committee.screenshot({ path: screenshotPath("grilla-metas-comite"), fullPage: true });
    await committee.close();
  });

  it("lets the unit head report a milestone of their unit, not one of another unit", async () => {
    const page = await openPage(UNIT_HEAD, "/plan-de-accion/hitos");
    const own = await rowIndexOf(page, "title", "Integración con ClaveÚnica y notificaciones electrónicas");
    expect(await cellText(page, own, "unit")).toBe(UNIT_HEAD_UNIT);
    await typeInto(page, cell(page, own, "progress"), "90");
    await waitForCellText(page, own, "progress", "90");
    await save(page, "Se guardó 1 cambio.");
    await page.reload();
    await waitForGrid(page);
    await waitForCellText(page, own, "progress", "90");

    const foreign = await rowIndexOf(page, "title", "Ejecución de los proyectos ganadores 2024");
    expect(await cellText(page, foreign, "unit")).not.toBe(UNIT_HEAD_UNIT);
    const before = await cellText(page, foreign, "progress");
    await typeInto(page, cell(page, foreign, "progress"), "5");
    await gridStatus(page).getByText(/No se puede editar: .*otra unidad/).waitFor();
    await waitForCellText(page, foreign, "progress", before);
    await unsavedCount(page).getByText("Sin cambios por guardar").waitFor();
    await page.screenshot({ path: screenshotPath("grilla-hitos-jefatura"), fullPage: true });
    await page.close();
  });
});
