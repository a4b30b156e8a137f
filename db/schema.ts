import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * Row types of every table. Conventions fixed once in `db/connection.ts`:
 * `numeric` and `bigint` arrive as JS numbers, `date` as an ISO string `YYYY-MM-DD`,
 * `timestamptz` as a `Date`, `jsonb` as parsed JSON.
 */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** numeric(p, s): read as number; written as number or decimal string. */
type Numeric = ColumnType<number, number | string, number | string>;
type NumericDefault = ColumnType<number, number | string | undefined, number | string>;
type IsoDate = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string | null, string | null>;

export type PlanStatus = "draft" | "active" | "archived";
export type DefinitionKind = "mission" | "vision" | "value" | "principle" | "other";
export type UnitKind = "division" | "department" | "section" | "office";
export type Role = "admin" | "planner" | "committee" | "unit_head" | "viewer";
export type IndicatorKind = "ratio" | "value";
export type Direction = "increase" | "decrease";
export type Periodicity = "monthly" | "quarterly" | "semiannual" | "annual";
export type Aggregation = "sum" | "average" | "last";
export type ScoringMethod = "ratio" | "baseline";
export type PeriodStatus = "open" | "closed";
export type MeasurementState = "draft" | "submitted" | "approved" | "returned";
export type MilestoneState = "pending" | "in_progress" | "done" | "cancelled";
export type CommitteeSessionState = "scheduled" | "held" | "cancelled";
export type AgreementState = "pending" | "in_progress" | "done" | "cancelled";

export interface PlansTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: string | null;
  start_year: number;
  end_year: number;
  status: ColumnType<PlanStatus, PlanStatus | undefined, PlanStatus>;
  green_threshold: NumericDefault;
  yellow_threshold: NumericDefault;
  score_cap: NumericDefault;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface StrategicDefinitionsTable {
  id: Generated<number>;
  plan_id: number;
  kind: DefinitionKind;
  title: string | null;
  body: string;
  position: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PillarsTable {
  id: Generated<number>;
  plan_id: number;
  code: string;
  name: string;
  action_line: string | null;
  governance: string | null;
  description: string | null;
  weight: NumericDefault;
  color: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AxesTable {
  id: Generated<number>;
  plan_id: number;
  code: string;
  name: string;
  description: string | null;
  color: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UnitsTable {
  id: Generated<number>;
  parent_id: number | null;
  code: string;
  name: string;
  kind: ColumnType<UnitKind, UnitKind | undefined, UnitKind>;
  is_active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  is_active: ColumnType<boolean, boolean | undefined, boolean>;
  password_changed_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UserUnitsTable {
  user_id: number;
  unit_id: number;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface ObjectivesTable {
  id: Generated<number>;
  plan_id: number;
  pillar_id: number;
  code: string;
  title: string;
  description: string | null;
  weight: NumericDefault;
  owner_unit_id: number | null;
  position: ColumnType<number, number | undefined, number>;
  archived_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ObjectiveAxesTable {
  objective_id: number;
  axis_id: number;
}

export interface IndicatorsTable {
  id: Generated<number>;
  plan_id: number;
  objective_id: number;
  code: string;
  name: string;
  description: string | null;
  formula: string | null;
  kind: IndicatorKind;
  numerator_label: string | null;
  denominator_label: string | null;
  factor: NumericDefault;
  unit_of_measure: ColumnType<string, string | undefined, string>;
  direction: Direction;
  periodicity: Periodicity;
  aggregation: Aggregation;
  scoring_method: ColumnType<ScoringMethod, ScoringMethod | undefined, ScoringMethod>;
  baseline_value: Numeric | null;
  baseline_year: number | null;
  weight: NumericDefault;
  responsible_unit_id: number;
  data_source: string | null;
  verification_means: string | null;
  sex_disaggregated: ColumnType<boolean, boolean | undefined, boolean>;
  is_published: ColumnType<boolean, boolean | undefined, boolean>;
  position: ColumnType<number, number | undefined, number>;
  archived_at: Timestamp | null;
  /** Raised by every write of the planning grid; a save from an older version is a conflict. */
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface IndicatorAxesTable {
  indicator_id: number;
  axis_id: number;
}

export interface PeriodsTable {
  id: Generated<number>;
  plan_id: number;
  key: string;
  periodicity: Periodicity;
  year: number;
  number: number;
  start_date: IsoDate;
  end_date: IsoDate;
  status: ColumnType<PeriodStatus, PeriodStatus | undefined, PeriodStatus>;
  closed_at: Timestamp | null;
  closed_by: number | null;
}

export interface TargetsTable {
  id: Generated<number>;
  indicator_id: number;
  period_id: number;
  value: Numeric;
  version: ColumnType<number, number | undefined, number>;
  updated_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MeasurementsTable {
  id: Generated<number>;
  indicator_id: number;
  period_id: number;
  numerator: Numeric | null;
  denominator: Numeric | null;
  value: Numeric | null;
  value_women: Numeric | null;
  value_men: Numeric | null;
  comment: string | null;
  evidence_url: string | null;
  state: ColumnType<MeasurementState, MeasurementState | undefined, MeasurementState>;
  review_note: string | null;
  reported_by: number | null;
  reported_at: Timestamp | null;
  submitted_at: Timestamp | null;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CommitmentsTable {
  id: Generated<number>;
  plan_id: number;
  pillar_id: number;
  code: string;
  title: string;
  description: string | null;
  responsible_unit_id: number;
  start_date: IsoDate;
  end_date: IsoDate;
  weight: NumericDefault;
  is_published: ColumnType<boolean, boolean | undefined, boolean>;
  position: ColumnType<number, number | undefined, number>;
  archived_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CommitmentAxesTable {
  commitment_id: number;
  axis_id: number;
}

export interface MilestonesTable {
  id: Generated<number>;
  commitment_id: number;
  title: string;
  description: string | null;
  due_date: IsoDate;
  weight: NumericDefault;
  progress: NumericDefault;
  state: ColumnType<MilestoneState, MilestoneState | undefined, MilestoneState>;
  evidence_url: string | null;
  comment: string | null;
  completed_at: Timestamp | null;
  position: ColumnType<number, number | undefined, number>;
  version: ColumnType<number, number | undefined, number>;
  updated_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CommitteeSessionsTable {
  id: Generated<number>;
  plan_id: number;
  number: number;
  held_on: IsoDate;
  title: string;
  minutes: string | null;
  state: ColumnType<CommitteeSessionState, CommitteeSessionState | undefined, CommitteeSessionState>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AgreementsTable {
  id: Generated<number>;
  session_id: number;
  position: ColumnType<number, number | undefined, number>;
  text: string;
  responsible_unit_id: number | null;
  due_date: IsoDate | null;
  state: ColumnType<AgreementState, AgreementState | undefined, AgreementState>;
  completed_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CommentsTable {
  id: Generated<number>;
  indicator_id: number | null;
  measurement_id: number | null;
  milestone_id: number | null;
  author_id: number;
  body: string;
  created_at: CreatedAt;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: CreatedAt;
  user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** A change set's records (entity_id is then null; before/after are keyed by these ids). */
  entity_ids: string[] | null;
  before: Json;
  after: Json;
  request_id: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  attempted_at: UpdatedAt;
}

/** An uploaded Excel import waiting between its preview and its apply (a day at most). */
export interface ImportUploadsTable {
  id: string;
  user_id: number;
  plan_id: number;
  file_name: string;
  bytes: ColumnType<Uint8Array, Uint8Array, never>;
  sha256: string;
  created_at: CreatedAt;
}

export interface Database {
  plans: PlansTable;
  strategic_definitions: StrategicDefinitionsTable;
  pillars: PillarsTable;
  axes: AxesTable;
  units: UnitsTable;
  users: UsersTable;
  user_units: UserUnitsTable;
  sessions: SessionsTable;
  objectives: ObjectivesTable;
  objective_axes: ObjectiveAxesTable;
  indicators: IndicatorsTable;
  indicator_axes: IndicatorAxesTable;
  periods: PeriodsTable;
  targets: TargetsTable;
  measurements: MeasurementsTable;
  commitments: CommitmentsTable;
  commitment_axes: CommitmentAxesTable;
  milestones: MilestonesTable;
  committee_sessions: CommitteeSessionsTable;
  agreements: AgreementsTable;
  comments: CommentsTable;
  audit_events: AuditEventsTable;
  login_attempts: LoginAttemptsTable;
  import_uploads: ImportUploadsTable;
}

export type Plan = Selectable<PlansTable>;
export type NewPlan = Insertable<PlansTable>;
export type Indicator = Selectable<IndicatorsTable>;
export type NewIndicator = Insertable<IndicatorsTable>;
export type IndicatorUpdate = Updateable<IndicatorsTable>;
export type Period = Selectable<PeriodsTable>;
export type Measurement = Selectable<MeasurementsTable>;
export type User = Selectable<UsersTable>;
export type Unit = Selectable<UnitsTable>;
export type Milestone = Selectable<MilestonesTable>;
