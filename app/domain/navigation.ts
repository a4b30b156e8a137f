import type { Role } from "../../db/schema";
import { canReport, hasCapability } from "./permissions";

export interface NavItem {
  to: string;
  label: string;
  end: boolean;
}

/** The main menu a role sees; pages themselves still check on the server. */
export function navigationFor(role: Role): NavItem[] {
  const items: NavItem[] = [
    { to: "/", label: "Tablero", end: true },
    { to: "/plan", label: "Plan", end: false },
    { to: "/indicadores", label: "Indicadores", end: false },
    { to: "/plan-de-accion", label: "Plan de acción", end: false },
  ];
  if (canReport(role)) items.push({ to: "/reportar", label: "Reportar", end: false });
  if (hasCapability(role, "measurement.validate")) items.push({ to: "/validar", label: "Validar", end: false });
  if (hasCapability(role, "report.export")) items.push({ to: "/reportes", label: "Reportes", end: false });
  if (hasCapability(role, "import.run")) items.push({ to: "/importar", label: "Importar", end: false });
  if (hasCapability(role, "users.manage") || hasCapability(role, "audit.read")) {
    items.push({ to: "/administracion", label: "Administración", end: false });
  }
  return items;
}

/** Pages anyone may open without signing in. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/login" ||
    pathname === "/healthz" ||
    pathname === "/transparencia" ||
    pathname.startsWith("/transparencia/") ||
    pathname === "/datos" ||
    pathname.startsWith("/datos/")
  );
}
