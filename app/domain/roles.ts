import type { Role } from "../../db/schema";

export const ROLES: readonly Role[] = ["admin", "planner", "committee", "unit_head", "viewer"];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administración",
  planner: "Planificación y control de gestión",
  committee: "Comité de coordinación interna",
  unit_head: "Jefatura de unidad",
  viewer: "Consulta",
};
