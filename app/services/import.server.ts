import { createHash, randomUUID } from "node:crypto";
import { deleteImportUpload, findImportUpload, findPlanById, insertImportUpload, lockImportUpload } from "../../db/queries/import";
import { MAX_IMPORT_ROWS } from "../domain/import-sheets";
import { requireCapability, type ServiceContext } from "./context.server";
import { requireCurrentPlan } from "./current-plan.server";
import { NotFoundError, ValidationError } from "./errors";
import { writePlanned } from "./import/apply.server";
import { planImport } from "./import/plan.server";
import { checkUpload, cleanFileName, MAX_UPLOAD_MEGABYTES, readWorkbook } from "./import/read-workbook.server";
import { buildTemplateFile } from "./import/template.server";
import type { ImportApplyResult, ImportPreview, PlannedImport, StoredUpload, UploadedFile } from "./import/types";

/**
 * Import from Excel (`/importar`, planners and admins): the template, and a filled template
 * applied in two steps. The upload is checked by content before anything inflates it, stored,
 * and previewed (a dry run: every row to create or change and every problem, by sheet, row and
 * column); "Aplicar" re-reads the very same stored bytes, checks everything again against the
 * database with the rows locked, and writes all of it in one transaction — one statement per
 * kind of record and one audit insert — or nothing.
 *
 * This file is the entry point and owns permissions and transactions; the parts live in
 * ./import/: read-workbook (upload checks, exceljs), plan (rows checked against the database),
 * apply (the writes and their audit), template (plantilla.xlsx).
 */

export { MAX_UPLOAD_BYTES, MAX_UPLOAD_MEGABYTES } from "./import/read-workbook.server";
export type { ImportAction, ImportApplyResult, ImportCounts, ImportPreview, ImportRowPlan, UploadedFile } from "./import/types";

/** Routes call this before reading an upload's body: nobody else sends 10 MB to be refused. */
export function assertCanImport(ctx: ServiceContext): void {
  requireCapability(ctx, "import.run");
}

export async function getImportPage(ctx: ServiceContext) {
  requireCapability(ctx, "import.run");
  const plan = await requireCurrentPlan(ctx);
  return { plan: { code: plan.code, name: plan.name }, maxMegabytes: MAX_UPLOAD_MEGABYTES, maxRows: MAX_IMPORT_ROWS };
}

async function targetPlan(ctx: ServiceContext, planId: number | undefined) {
  if (planId == null) return requireCurrentPlan(ctx);
  const plan = await findPlanById(ctx.db, planId);
  if (!plan) throw new NotFoundError("El plan no existe.");
  return plan;
}

/**
 * `plantilla.xlsx` for the current plan (or `planId`): empty, or `filled` with the plan's live
 * objectives, indicators, targets and measurements, ready to be edited and imported back.
 */
export async function getImportTemplate(ctx: ServiceContext, options: { filled?: boolean; planId?: number } = {}): Promise<{ fileName: string; bytes: Buffer }> {
  requireCapability(ctx, "import.run");
  const plan = await targetPlan(ctx, options.planId);
  return buildTemplateFile(ctx.db, plan, options.filled === true);
}

/**
 * Receives a file: refuses it unless it is an xlsx of sane size (by content, before anything
 * inflates it), stores it for the apply step, and answers its preview. `planId` aims the import
 * at another plan than the current one (tests, scripts); the preview and apply follow the upload.
 */
export async function uploadImport(ctx: ServiceContext, file: UploadedFile, options: { planId?: number } = {}): Promise<ImportPreview> {
  requireCapability(ctx, "import.run");
  checkUpload(file.bytes);
  const plan = await targetPlan(ctx, options.planId);
  const id = randomUUID();
  await insertImportUpload(ctx.db, {
    id,
    userId: ctx.actor.id,
    planId: plan.id,
    fileName: cleanFileName(file.name),
    bytes: file.bytes,
    sha256: createHash("sha256").update(file.bytes).digest("hex"),
  });
  try {
    return await previewImport(ctx, id);
  } catch (error) {
    // An unreadable file is not kept for an apply that cannot happen.
    if (error instanceof ValidationError) await deleteImportUpload(ctx.db, id);
    throw error;
  }
}

/** The dry run of a stored upload: nothing is written. */
export async function previewImport(ctx: ServiceContext, uploadId: string): Promise<ImportPreview> {
  requireCapability(ctx, "import.run");
  const upload = await requireUpload(ctx, uploadId);
  const workbook = await readWorkbook(upload.bytes);
  const planned = await planImport(ctx.db, ctx, upload.plan_id, workbook, { lock: false });
  return previewOf(upload, planned);
}

/**
 * Applies a stored upload: the same bytes are read again and every check runs again with the
 * rows locked; any problem and nothing is written (the preview comes back with the problems).
 * Otherwise objectives, indicators, targets and measurements (drafts reported by the importer)
 * are written in one transaction with an audit event per changed record and one for the whole
 * import, and the stored upload is deleted.
 */
export async function applyImport(ctx: ServiceContext, uploadId: string): Promise<ImportApplyResult> {
  requireCapability(ctx, "import.run");
  const upload = await requireUpload(ctx, uploadId);
  // Parsed before the transaction: no lock is held while exceljs reads the file.
  const workbook = await readWorkbook(upload.bytes);
  return ctx.db.transaction().execute(async (trx) => {
    // Two clicks on "Aplicar": the second waits here for the first, then finds the upload gone.
    if (!(await lockImportUpload(trx, upload.id))) {
      throw new NotFoundError("Esta carga ya se aplicó; revise los datos del plan o vuelva a subir el archivo.");
    }
    const planned = await planImport(trx, ctx, upload.plan_id, workbook, { lock: true });
    if (planned.issues.length > 0) return { ok: false, preview: previewOf(upload, planned) };
    await writePlanned(trx, ctx, upload, planned);
    await deleteImportUpload(trx, upload.id);
    return { ok: true, counts: planned.counts, plan: { code: upload.plan_code, name: upload.plan_name } };
  });
}

async function requireUpload(ctx: ServiceContext, uploadId: string): Promise<StoredUpload> {
  const valid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uploadId);
  const upload = valid ? await findImportUpload(ctx.db, uploadId.toLowerCase(), ctx.actor.id) : undefined;
  if (!upload) throw new NotFoundError("La carga no existe, ya se aplicó o venció (se guarda un día); vuelva a subir el archivo.");
  return upload;
}

function previewOf(upload: StoredUpload, planned: PlannedImport): ImportPreview {
  return {
    uploadId: upload.id,
    fileName: upload.file_name,
    sha256: upload.sha256,
    plan: { code: upload.plan_code, name: upload.plan_name },
    ok: planned.issues.length === 0,
    rows: planned.rows,
    issues: planned.issues,
    counts: planned.counts,
  };
}
