import type { Page } from "playwright-core";

export const DEMO_SECRET = "demo-gore-2023";

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, baseUrl: string, email: string, secret = DEMO_SECRET) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Correo institucional").fill(email);
  await page.getByLabel("Contraseña").fill(secret);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "Ingresar" }).click()]);
  // The URL changes a moment before the client renders the signed-in page.
  await page.getByRole("button", { name: "Cerrar sesión" }).waitFor();
}
