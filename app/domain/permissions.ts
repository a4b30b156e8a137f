import type { MeasurementState, PeriodStatus, Role } from "../../db/schema";

/**
 * Who may do what: the pure rules. Services load the facts (the actor's unit scope, the
 * responsible unit, the period's status) and ask here; no route decides on its own.
 */
export interface Actor {
  id: number;
  role: Role;
  /** Units the actor reports for, sub-units included (only meaningful for unit heads). */
  unitScope: readonly number[];
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const ALLOW: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** Capabilities that depend on the role alone. */
export type Capability =
  | "plan.read"
  | "plan.edit"
  | "period.manage"
  | "measurement.validate"
  | "report.export"
  | "import.run"
  | "committee.manage"
  | "audit.read"
  | "users.manage";

const CAPABILITIES: Record<Role, readonly Capability[]> = {
  admin: [
    "plan.read",
    "plan.edit",
    "period.manage",
    "measurement.validate",
    "report.export",
    "import.run",
    "committee.manage",
    "audit.read",
    "users.manage",
  ],
  planner: [
    "plan.read",
    "plan.edit",
    "period.manage",
    "measurement.validate",
    "report.export",
    "import.run",
    "committee.manage",
    "audit.read",
  ],
  committee: ["plan.read", "measurement.validate", "report.export", "committee.manage"],
  unit_head: ["plan.read"],
  viewer: ["plan.read"],
};

const CAPABILITY_REFUSALS: Record<Capability, string> = {
  "plan.read": "Su perfil no puede consultar el plan.",
  "plan.edit": "Solo planificación y administración pueden modificar el plan.",
  "period.manage": "Solo planificación y administración pueden abrir o cerrar periodos.",
  "measurement.validate": "Solo planificación y el comité pueden validar mediciones.",
  "report.export": "Su perfil no puede descargar reportes de gestión.",
  "import.run": "Solo planificación y administración pueden importar desde Excel.",
  "committee.manage": "Solo el comité y planificación pueden registrar sesiones y acuerdos.",
  "audit.read": "Solo administración y planificación pueden ver la auditoría.",
  "users.manage": "Solo administración puede gestionar usuarios.",
};

export function hasCapability(role: Role, capability: Capability): boolean {
  return CAPABILITIES[role].includes(capability);
}

export function decideCapability(actor: Pick<Actor, "role">, capability: Capability): Decision {
  return hasCapability(actor.role, capability) ? ALLOW : deny(CAPABILITY_REFUSALS[capability]);
}

/** Roles that report values and milestone progress at all. */
const REPORTING_ROLES: readonly Role[] = ["admin", "planner", "unit_head"];

/** Who reports indicator values and milestone progress (their own units, for unit heads). */
export function canReport(role: Role): boolean {
  return REPORTING_ROLES.includes(role);
}

export interface ReportTarget {
  responsibleUnitId: number;
}

/**
 * Reporting an indicator's measurement: unit heads for their own units (and sub-units),
 * planners and admins for any unit; only in open periods, except an admin (audited).
 */
export function decideMeasurementWrite(
  actor: Actor,
  indicator: ReportTarget,
  period: { status: PeriodStatus; key: string },
  existingState: MeasurementState | null = null,
): Decision {
  const scope = decideUnitReport(actor, indicator, "indicador");
  if (!scope.allowed) return scope;
  if (period.status === "closed" && actor.role !== "admin") {
    return deny(`El periodo ${period.key} está cerrado; solo administración puede modificarlo.`);
  }
  // Once sent to validation, a value changes only by being returned (or by an admin).
  if ((existingState === "submitted" || existingState === "approved") && actor.role !== "admin") {
    return deny(
      existingState === "approved"
        ? "La medición ya fue aprobada; no se puede modificar."
        : "La medición ya fue enviada a validación; espere a que se apruebe o se devuelva.",
    );
  }
  return ALLOW;
}

/** Reporting a milestone's progress: the same unit rule as measurements. */
export function decideMilestoneWrite(actor: Actor, commitment: ReportTarget): Decision {
  return decideUnitReport(actor, commitment, "hito");
}

function decideUnitReport(actor: Actor, item: ReportTarget, noun: string): Decision {
  if (!REPORTING_ROLES.includes(actor.role)) {
    return deny("Su perfil no puede reportar avances.");
  }
  if (actor.role === "unit_head" && !actor.unitScope.includes(item.responsibleUnitId)) {
    return deny(`Este ${noun} pertenece a otra unidad; solo puede reportar los de sus unidades.`);
  }
  return ALLOW;
}

/** Targets are planning: planners and admins, and a closed period only by an admin. */
export function decideTargetWrite(actor: Actor, period: { status: PeriodStatus; key: string }): Decision {
  const role = decideCapability(actor, "plan.edit");
  if (!role.allowed) return role;
  if (period.status === "closed" && actor.role !== "admin") {
    return deny(`El periodo ${period.key} está cerrado; solo administración puede modificar sus metas.`);
  }
  return ALLOW;
}

/**
 * Moving a milestone's due date re-plans the commitment: planners and admins only. Unit heads
 * report progress, state and evidence of their milestones, not their deadlines.
 */
export function decideMilestoneScheduleWrite(actor: Actor, commitment: ReportTarget): Decision {
  const report = decideMilestoneWrite(actor, commitment);
  if (!report.allowed) return report;
  if (!hasCapability(actor.role, "plan.edit")) {
    return deny("Solo planificación y administración pueden cambiar la fecha comprometida de un hito.");
  }
  return ALLOW;
}
