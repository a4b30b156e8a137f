import type { Kysely, Transaction } from "kysely";
import type { findImportUpload, IndicatorFact, IndicatorWrite, MeasurementWrite, ObjectiveWrite, TargetWrite } from "../../../db/queries/import";
import type { Database } from "../../../db/schema";
import type { DataSheet, ImportIssue } from "../../domain/import-sheets";

/** What the importer answers (re-exported by import.server.ts) and what its parts pass each other. */

export type ImportAction = "crear" | "modificar" | "sin cambios";

export interface ImportRowPlan {
  sheet: string;
  row: number;
  /** What the row is about: "OE-M1", "M1.1", "M1.1 · 2025-Q1". */
  key: string;
  action: ImportAction;
  /** "Meta: 10 → 12", one per changed column (empty when created or unchanged). */
  changes: string[];
}

export type ImportCounts = Record<DataSheet, Record<ImportAction, number>>;

export interface ImportPreview {
  uploadId: string;
  fileName: string;
  sha256: string;
  plan: { code: string; name: string };
  /** Nothing stops the apply. */
  ok: boolean;
  rows: ImportRowPlan[];
  issues: ImportIssue[];
  counts: ImportCounts;
}

export type ImportApplyResult = { ok: true; counts: ImportCounts; plan: { code: string; name: string } } | { ok: false; preview: ImportPreview };

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

export type StoredUpload = NonNullable<Awaited<ReturnType<typeof findImportUpload>>>;

export type Executor = Kysely<Database> | Transaction<Database>;

export interface PendingAudit {
  entityType: "objective" | "indicator" | "target" | "measurement";
  /** Objective or indicator code; for targets and measurements, the indicator's code and the period. */
  code: string;
  periodId?: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export interface PlannedWrites {
  objectives: ObjectiveWrite[];
  indicators: IndicatorWrite[];
  targets: TargetWrite[];
  measurements: MeasurementWrite[];
}

export interface PlannedImport {
  rows: ImportRowPlan[];
  issues: ImportIssue[];
  counts: ImportCounts;
  writes: PlannedWrites;
  audits: PendingAudit[];
}

/** What an indicator will be after the import: its row in the file, else the database. */
export interface IndicatorState {
  code: string;
  kind: IndicatorFact["kind"];
  factor: number;
  periodicity: IndicatorFact["periodicity"];
  sexDisaggregated: boolean;
  responsibleUnitId: number;
  archived: boolean;
}
