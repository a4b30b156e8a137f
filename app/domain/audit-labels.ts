import { MEASUREMENT_STATE_LABELS } from "./schemas/indicators";
import { MILESTONE_GRID_LABELS, MILESTONE_STATE_LABELS } from "./schemas/milestones-grid";
import { REPORTING_FIELD_LABELS } from "./schemas/reporting-grid";

/** Audit codes in Spanish for the audit page; a code not listed shows as it is stored. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  agreement: "Acuerdo",
  axis: "Eje transversal",
  commitment: "Compromiso",
  committee_session: "Sesión del comité",
  import: "Importación desde Excel",
  indicator: "Indicador",
  measurement: "Medición",
  milestone: "Hito",
  objective: "Objetivo estratégico",
  period: "Periodo",
  pillar: "Pilar",
  plan: "Plan",
  strategic_definition: "Definición estratégica",
  target: "Meta",
  unit: "Unidad",
  user: "Usuario",
};

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "axis.create": "Creó el eje",
  "axis.delete": "Eliminó el eje",
  "axis.update": "Modificó el eje",
  "definition.create": "Agregó una definición estratégica",
  "definition.delete": "Eliminó una definición estratégica",
  "definition.move": "Reordenó las definiciones estratégicas",
  "definition.update": "Modificó una definición estratégica",
  "import.apply": "Importó desde Excel",
  "indicator.archive": "Archivó el indicador",
  "indicator.create": "Creó el indicador",
  "indicator.delete": "Eliminó el indicador",
  "indicator.unarchive": "Restauró el indicador",
  "indicator.update": "Modificó el indicador",
  "measurement.approve": "Aprobó la medición",
  "measurement.return": "Devolvió la medición",
  "measurement.save": "Guardó una medición",
  "measurement.submit": "Envió la medición a validación",
  "measurement.save_closed_period": "Guardó una medición en periodo cerrado",
  "milestone.progress": "Reportó avance del hito",
  "milestone.update": "Modificó el hito",
  "objective.archive": "Archivó el objetivo",
  "objective.create": "Creó el objetivo",
  "objective.delete": "Eliminó el objetivo",
  "objective.unarchive": "Restauró el objetivo",
  "objective.update": "Modificó el objetivo",
  "period.close": "Cerró el periodo",
  "period.generate": "Generó periodos de reporte",
  "period.open": "Abrió el periodo",
  "pillar.create": "Creó el pilar",
  "pillar.delete": "Eliminó el pilar",
  "pillar.update": "Modificó el pilar",
  "plan.create": "Creó el plan",
  "plan.update": "Modificó el plan",
  "session.login": "Ingresó al sistema",
  "report.export": "Descargó el reporte de gestión",
  "target.delete": "Eliminó la meta",
  "target.set": "Fijó la meta",
  "unit.create": "Creó la unidad",
  "unit.deactivate": "Desactivó la unidad",
  "unit.delete": "Eliminó la unidad",
  "unit.move": "Movió la unidad",
  "unit.reactivate": "Reactivó la unidad",
  "unit.update": "Modificó la unidad",
  "user.create": "Creó la cuenta",
  "user.deactivate": "Desactivó la cuenta",
  "user.password_change": "Cambió su contraseña",
  "user.password_reset": "Restableció la contraseña",
  "user.reactivate": "Reactivó la cuenta",
  "user.update": "Modificó la cuenta",
};

/**
 * Actions as a change set tells them (one event for many records, see
 * docs/decisions/009-audit-change-sets.md); an action not listed falls back to its label above.
 */
export const AUDIT_CHANGE_SET_LABELS: Record<string, string> = {
  "measurement.save": "Guardó mediciones desde la grilla",
  "measurement.save_closed_period": "Guardó mediciones en periodo cerrado desde la grilla",
  "measurement.approve": "Aprobó mediciones",
  "measurement.return": "Devolvió mediciones",
  "measurement.submit": "Envió mediciones a validación",
  "target.set": "Fijó metas",
  "target.delete": "Eliminó metas",
  "indicator.update": "Modificó indicadores",
  "milestone.update": "Modificó hitos",
};

/** Field names as the audit stores them (records' columns and grid fields), in Spanish for the audit page. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  ...REPORTING_FIELD_LABELS,
  value_women: REPORTING_FIELD_LABELS.valueWomen,
  value_men: REPORTING_FIELD_LABELS.valueMen,
  evidence_url: REPORTING_FIELD_LABELS.evidenceUrl,
  review_note: "Observación",
  progress: MILESTONE_GRID_LABELS.progress,
  state: "Estado",
  status: "Estado",
  version: "Versión",
  weight: "Ponderación",
};

/** State codes of measurements, milestones and periods, as the audit page shows them. */
export const AUDIT_STATE_LABELS: Record<string, string> = {
  ...MEASUREMENT_STATE_LABELS,
  ...MILESTONE_STATE_LABELS,
  open: "Abierto",
  closed: "Cerrado",
};
