import type { AgreementState, Direction, MeasurementState, MilestoneState, Periodicity, ScoringMethod } from "../db/schema";
import type { CompletionLevel, ScoringSettings, Status } from "../app/domain/scoring";

/**
 * What the management report shows, as plain data: the service fills it from the scorecard
 * (the dashboard's numbers) and the builder (./management-report.ts) lays it out.
 */

export interface RollupFigures {
  score: number | null;
  status: Status;
  /** Share of the weight that had data, 0..1. */
  coverage: number;
}

export interface ReportPeriodValue {
  key: string;
  endDate: string;
  target: number | null;
  /** The measured value (a ratio already computed), or null. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** The state of the measurement that counts; null when none does. */
  state: MeasurementState | null;
}

export type ValidationState = "validated" | "unvalidated" | "none";

export interface ReportIndicator {
  pillarCode: string;
  pillarName: string;
  objectiveCode: string;
  objectiveTitle: string;
  code: string;
  name: string;
  unitOfMeasure: string;
  unitName: string;
  direction: Direction;
  scoringMethod: ScoringMethod;
  baseline: number | null;
  periodicity: Periodicity;
  weight: number;
  /** Year-to-date, as the engine aggregates them. */
  target: number | null;
  actual: number | null;
  /** Raw compliance (a fraction) and the scored one (capped), from the engine. */
  compliance: number | null;
  score: number | null;
  status: Status;
  validation: ValidationState;
  periods: readonly ReportPeriodValue[];
}

export interface ReportMilestone {
  title: string;
  dueDate: string;
  weight: number;
  /** 0..100 */
  progress: number;
  state: MilestoneState;
  overdue: boolean;
}

export interface ReportCommitment {
  code: string;
  title: string;
  pillarName: string;
  unitName: string;
  startDate: string;
  endDate: string;
  weight: number;
  /** 0..100, from the engine; null without milestones that count. */
  progress: number | null;
  /** 0..100: where it should be today if progress were linear between its dates. */
  expectedProgress: number;
  level: CompletionLevel | null;
  overdueMilestones: number;
  milestones: readonly ReportMilestone[];
}

export interface ReportAgreement {
  sessionNumber: number;
  sessionDate: string;
  sessionTitle: string;
  position: number;
  text: string;
  unitName: string | null;
  dueDate: string | null;
  state: AgreementState;
  completedOn: string | null;
  overdue: boolean;
}

export interface ReportOverdueMilestone {
  commitmentCode: string;
  commitmentTitle: string;
  title: string;
  dueDate: string;
  progress: number;
  state: MilestoneState;
}

export interface ReportData {
  plan: { code: string; name: string };
  period: { key: string; endDate: string };
  /** 'YYYY-MM-DD', the day in Santiago the report was issued. */
  issuedOn: string;
  generatedAt: Date;
  onlyValidated: boolean;
  /** The filters in words ("Unidad" → "División de Planificación"); empty: the whole plan. */
  filters: readonly { label: string; value: string }[];
  /** Whether a pillar filter narrows the rows below the plan and axes figures. */
  pillarFiltered: boolean;
  settings: ScoringSettings;
  summary: {
    plan: RollupFigures & { name: string };
    pillars: readonly (RollupFigures & { code: string; name: string; actionLine: string | null; weight: number })[];
    axes: readonly (RollupFigures & { code: string; name: string; indicatorCount: number })[];
    statusCounts: Record<Status, number>;
    indicatorCount: number;
    commitments: { count: number; averageProgress: number | null };
    overdueMilestones: readonly ReportOverdueMilestone[];
  };
  indicators: readonly ReportIndicator[];
  commitments: readonly ReportCommitment[];
  agreements: readonly ReportAgreement[];
}
