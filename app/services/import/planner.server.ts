import type { ImportFacts, IndicatorFact } from "../../../db/queries/import";
import { resolver, type DeclaredCodes, type Resolution } from "../../domain/import-references";
import { DATA_SHEETS, headerOf, PERIODICITY_CHOICES, SHEET_NAMES, type DataSheet, type ImportIssue, type ImportRows } from "../../domain/import-sheets";
import type { ServiceContext } from "../context.server";
import type { ImportAction, ImportCounts, ImportRowPlan, IndicatorState, PendingAudit, PlannedWrites } from "./types";

const emptyCounts = (): ImportCounts =>
  Object.fromEntries(DATA_SHEETS.map((sheet) => [sheet, { crear: 0, modificar: 0, "sin cambios": 0 }])) as ImportCounts;

/**
 * What the sheet planners (plan-objectives, plan-indicators, plan-slots) share while they check
 * every row against the database facts: the lookups, and the rows, problems, writes and audit
 * events gathered so far. It does no I/O: the facts were loaded before.
 */
export class ImportPlanner {
  readonly rows: ImportRowPlan[] = [];
  readonly issues: ImportIssue[] = [];
  readonly counts = emptyCounts();
  readonly writes: PlannedWrites = { objectives: [], indicators: [], targets: [], measurements: [] };
  readonly audits: PendingAudit[] = [];

  readonly pillarOf: (text: string) => Resolution<{ id: number; code: string; name: string }>;
  private readonly unitOf: (text: string) => Resolution<{ id: number; code: string; name: string; is_active: boolean }>;
  readonly pillarNames: Map<number, string>;
  private readonly unitNames: Map<number, string>;
  readonly objectiveFacts: Map<string, ImportFacts["objectives"][number]>;
  readonly indicatorFacts: Map<string, IndicatorFact>;
  private readonly periodsByKey: Map<string, ImportFacts["periods"][number]>;
  /** Indicators as the file leaves them; a code mapped to null is declared in the file with a problem. */
  readonly indicatorStates = new Map<string, IndicatorState | null>();

  constructor(
    readonly ctx: ServiceContext,
    readonly facts: ImportFacts,
    readonly input: ImportRows,
    readonly declared: DeclaredCodes,
  ) {
    this.pillarOf = resolver(facts.pillars, "no es un pilar de este plan", "corresponde a más de un pilar; use el código");
    this.unitOf = resolver(facts.units, "no es una unidad registrada", "corresponde a más de una unidad; use el código");
    this.pillarNames = new Map(facts.pillars.map((pillar) => [pillar.id, pillar.name]));
    this.unitNames = new Map(facts.units.map((unit) => [unit.id, unit.name]));
    this.objectiveFacts = new Map(facts.objectives.map((objective) => [objective.code, objective]));
    this.indicatorFacts = new Map(facts.indicators.map((indicator) => [indicator.code, indicator]));
    this.periodsByKey = new Map(facts.periods.map((period) => [period.key, period]));
  }

  issue(sheet: DataSheet, row: number, key: string, message: string) {
    const header = headerOf(sheet, key);
    this.issues.push({ sheet: SHEET_NAMES[sheet], row, column: header, message: `${header}: ${message}` });
  }

  record(sheet: DataSheet, row: number, key: string, action: ImportAction, changes: string[]) {
    this.rows.push({ sheet: SHEET_NAMES[sheet], row, key, action, changes: action === "modificar" ? changes : [] });
    this.counts[sheet][action] += 1;
  }

  unitId(sheet: DataSheet, row: number, key: string, text: string, current: number | null | undefined): number | null {
    const found = this.unitOf(text);
    if (!found.ok) {
      this.issue(sheet, row, key, `«${text}» ${found.message}`);
      return null;
    }
    if (!found.item.is_active && found.item.id !== current) {
      this.issue(sheet, row, key, `la unidad ${found.item.name} no está activa`);
      return null;
    }
    return found.item.id;
  }

  unitName = (value: unknown) => (value == null ? "vacío" : `«${this.unitNames.get(value as number) ?? String(value)}»`);

  /** The indicator and period of a target or measurement row, or null after recording why not. */
  slot(sheet: "targets" | "measurements", row: { row: number; indicator: string; period: string }) {
    let indicator = this.indicatorStates.get(row.indicator);
    if (indicator === null) return null; // declared in the file with a problem of its own
    if (indicator === undefined) {
      const fact = this.indicatorFacts.get(row.indicator);
      if (!fact) {
        this.issue(sheet, row.row, "indicator", `«${row.indicator}» no es un indicador de este plan ni está en la hoja Indicadores`);
        return null;
      }
      indicator = {
        code: fact.code,
        kind: fact.kind,
        factor: fact.factor,
        periodicity: fact.periodicity,
        sexDisaggregated: fact.sex_disaggregated,
        responsibleUnitId: fact.responsible_unit_id,
        archived: fact.archived,
      };
    }
    if (indicator.archived) {
      this.issue(sheet, row.row, "indicator", `el indicador ${row.indicator} está archivado`);
      return null;
    }
    const period = this.periodsByKey.get(row.period);
    if (!period) {
      this.issue(sheet, row.row, "period", `${row.period} no es un periodo de este plan`);
      return null;
    }
    if (period.periodicity !== indicator.periodicity) {
      this.issue(
        sheet,
        row.row,
        "period",
        `${row.period} es un periodo ${PERIODICITY_CHOICES[period.periodicity].toLowerCase()} y el indicador ${row.indicator} es ${PERIODICITY_CHOICES[indicator.periodicity].toLowerCase()}`,
      );
      return null;
    }
    return { indicator, period };
  }
}
