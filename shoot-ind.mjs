import { chromium } from "playwright-core";
const base = "http://127.0.0.1:3471";
const out = "/tmp/indicadores-shots";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu","--disable-quic","--no-first-run","--disable-background-networking","--disable-component-update","--disable-sync"] });
async function session(email, viewport) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(`${base}/login`);
  await page.getByLabel("Correo institucional").fill(email);
  await page.getByLabel("Contraseña").fill("demo-gore-2023");
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.getByRole("button", { name: "Ingresar" }).click()]);
  return { page, errors };
}
const shots = JSON.parse(process.argv[2]);
for (const [name, viewport] of [["1366", { width: 1366, height: 768 }], ["390", { width: 390, height: 844 }]]) {
  const { page, errors } = await session(process.argv[3] ?? "planificacion@demo.gore.cl", viewport);
  for (const [label, path, selector] of shots) {
    await page.goto(`${base}${path}`);
    await page.waitForLoadState("networkidle");
    if (selector) await page.locator(selector).first().scrollIntoViewIfNeeded();
    if (selector) await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: "start" }), selector);
    await page.screenshot({ path: `${out}/${label}-${name}.png` });
    console.log(name, label, "scrollWidth", await page.evaluate(() => document.documentElement.scrollWidth));
  }
  console.log(name, "errors", errors);
  await page.close();
}
await browser.close();
