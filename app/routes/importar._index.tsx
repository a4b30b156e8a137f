import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { requireServiceContext } from "~/auth/session.server";
import { formatInteger } from "~/domain/format";
import { failureResponse, rethrowAsResponse } from "~/http/responses.server";
import { ValidationError } from "~/services/errors";
import {
  applyImport,
  assertCanImport,
  getImportPage,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_MEGABYTES,
  uploadImport,
  type ImportCounts,
  type ImportPreview,
} from "~/services/import.server";

export const meta: MetaFunction = () => [{ title: "Importar desde Excel · GORE RMS" }];

/** A browser renders this many rows per table comfortably; the rest are counted, and applied all the same. */
const SHOWN_ROWS = 5000;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  try {
    return await getImportPage(ctx);
  } catch (error) {
    rethrowAsResponse(error);
  }
}

/** What the page needs of a preview: the rows to create or change and the problems, capped for the browser. */
function previewForPage(preview: ImportPreview) {
  const changed = preview.rows.filter((row) => row.action !== "sin cambios");
  return {
    uploadId: preview.uploadId,
    fileName: preview.fileName,
    plan: preview.plan,
    ok: preview.ok,
    counts: preview.counts,
    rows: changed.slice(0, SHOWN_ROWS),
    hiddenRows: Math.max(0, changed.length - SHOWN_ROWS),
    issues: preview.issues.slice(0, SHOWN_ROWS),
    hiddenIssues: Math.max(0, preview.issues.length - SHOWN_ROWS),
    issueCount: preview.issues.length,
  };
}

const failed = (message: string, status: number) => data({ kind: "failed" as const, message }, { status });

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  try {
    // Before reading a body of up to 10 MB: only planners and admins send one.
    assertCanImport(ctx);
  } catch (error) {
    rethrowAsResponse(error);
  }
  try {
    if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
      if (Number(request.headers.get("Content-Length") ?? 0) > MAX_UPLOAD_BYTES + 64 * 1024) {
        return failed(`El archivo supera ${MAX_UPLOAD_MEGABYTES} MB.`, 413);
      }
      let form: FormData;
      try {
        form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
      } catch (error) {
        if (error instanceof MaxPartSizeExceededError) return failed(`El archivo supera ${MAX_UPLOAD_MEGABYTES} MB.`, 413);
        return failed("No se pudo recibir el archivo; vuelva a intentarlo.", 400);
      }
      const file = form.get("archivo");
      if (typeof file !== "object" || file === null || file.size === 0) return failed("Archivo: elija un archivo .xlsx para revisar.", 400);
      const preview = await uploadImport(ctx, { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
      return { kind: "preview" as const, preview: previewForPage(preview), message: null };
    }

    const form = await request.formData();
    const result = await applyImport(ctx, String(form.get("uploadId") ?? ""));
    if (result.ok) return { kind: "applied" as const, counts: result.counts, plan: result.plan };
    return {
      kind: "preview" as const,
      preview: previewForPage(result.preview),
      message: "Los datos del plan cambiaron desde la vista previa y ahora hay problemas; no se aplicó nada.",
    };
  } catch (error) {
    if (error instanceof ValidationError) return failed(error.issues.map((issue) => issue.message).join(" "), 422);
    const failure = failureResponse(error);
    return failed(failure.data.message, failure.init?.status ?? 400);
  }
}

const SHEET_LABELS: Record<keyof ImportCounts, string> = {
  objectives: "Objetivos",
  indicators: "Indicadores",
  targets: "Metas",
  measurements: "Mediciones",
};

const ACTION_LABELS = { crear: "Crear", modificar: "Modificar", "sin cambios": "Sin cambios" } as const;

function total(counts: ImportCounts, action: keyof ImportCounts["objectives"]) {
  return Object.values(counts).reduce((sum, count) => sum + count[action], 0);
}

const records = (n: number, one: string, many: string) => `${formatInteger(n)} ${n === 1 ? `registro ${one}` : `registros ${many}`}`;

/** Space between the stacked tables and headings of the preview (the app's CSS has no rule for it). */
const SPACED = { marginTop: "1rem" } as const;

function CountsTable({ counts, caption }: { counts: ImportCounts; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Hoja</th>
            <th scope="col" className="numeric">
              Crear
            </th>
            <th scope="col" className="numeric">
              Modificar
            </th>
            <th scope="col" className="numeric">
              Sin cambios
            </th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(SHEET_LABELS) as (keyof ImportCounts)[]).map((sheet) => (
            <tr key={sheet}>
              <th scope="row">{SHEET_LABELS[sheet]}</th>
              <td className="numeric">{formatInteger(counts[sheet].crear)}</td>
              <td className="numeric">{formatInteger(counts[sheet].modificar)}</td>
              <td className="numeric">{formatInteger(counts[sheet]["sin cambios"])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ImportPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const preview = result?.kind === "preview" ? result.preview : null;

  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to="/plan">Plan</Link>
        </p>
        <h1>Importar desde Excel</h1>
        <p className="page-header__lead">
          Cargue objetivos, indicadores, metas y mediciones de {page.plan.name} desde una planilla. Primero verá una vista previa con cada
          fila que se creará o modificará y cada problema encontrado; nada se guarda hasta que presione «Aplicar», y si hay un solo
          problema no se guarda nada.
        </p>
      </header>

      <section className="card" aria-labelledby="paso-plantilla">
        <h2 id="paso-plantilla">1. Descargue la plantilla</h2>
        <p>La hoja «Instrucciones» explica cada columna; las listas desplegables traen los pilares, unidades y opciones válidas.</p>
        <ul className="link-list">
          <li>
            <a href="/importar/plantilla.xlsx" download>
              Plantilla vacía (.xlsx)
            </a>
          </li>
          <li>
            <a href="/importar/plantilla.xlsx?con-datos=1" download>
              Plantilla con los datos actuales del plan (.xlsx)
            </a>
          </li>
        </ul>
      </section>

      <section className="card" aria-labelledby="paso-archivo">
        <h2 id="paso-archivo">2. Suba el archivo completado</h2>
        <Form method="post" encType="multipart/form-data" className="form">
          <div className="field">
            <label htmlFor="archivo">Archivo de Excel (.xlsx)</label>
            <p id="archivo-hint" className="field__hint">
              Hasta {page.maxMegabytes} MB y {formatInteger(page.maxRows)} filas de datos.
            </p>
            <input
              id="archivo"
              name="archivo"
              type="file"
              required
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby="archivo-hint"
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy && navigation.formEncType === "multipart/form-data" ? "Revisando…" : "Revisar archivo"}
            </button>
          </div>
        </Form>
      </section>

      <div ref={resultRef} tabIndex={-1} aria-live="polite">
        {result?.kind === "failed" ? (
          <p className="alert alert--error" role="alert">
            {result.message}
          </p>
        ) : null}

        {result?.kind === "applied" ? (
          <div className="alert alert--success" role="status">
            <p>
              Importación aplicada en {result.plan.name}: {records(total(result.counts, "crear"), "creado", "creados")} y{" "}
              {records(total(result.counts, "modificar"), "modificado", "modificados")}. Las mediciones quedaron en borrador.
            </p>
            <CountsTable counts={result.counts} caption="Registros importados por hoja" />
          </div>
        ) : null}

        {preview ? (
          <section className="card" aria-labelledby="vista-previa">
            <h2 id="vista-previa">3. Vista previa de «{preview.fileName}»</h2>
            {result?.kind === "preview" && result.message ? <p className="alert alert--error">{result.message}</p> : null}
            <CountsTable counts={preview.counts} caption="Filas por hoja y acción" />

            {preview.issueCount > 0 ? (
              <>
                <p className="alert alert--error" role="alert" style={SPACED}>
                  Se {preview.issueCount === 1 ? "encontró 1 problema" : `encontraron ${formatInteger(preview.issueCount)} problemas`}. Corrija
                  el archivo y vuelva a subirlo; mientras haya problemas no se guarda nada.
                </p>
                <h3 style={SPACED}>Problemas</h3>
                <div className="table-wrap">
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">Hoja</th>
                        <th scope="col" className="numeric">
                          Fila
                        </th>
                        <th scope="col">Columna</th>
                        <th scope="col">Problema</th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.issues.map((issue, index) => (
                        <tr key={index}>
                          <td>{issue.sheet || "—"}</td>
                          <td className="numeric">{issue.row > 0 ? issue.row : "—"}</td>
                          <td>{issue.column || "—"}</td>
                          <td>{issue.message}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {preview.hiddenIssues > 0 ? <p className="muted">Y {formatInteger(preview.hiddenIssues)} problemas más.</p> : null}
              </>
            ) : null}

            <h3 style={SPACED}>Filas que se crearán o modificarán</h3>
            {preview.rows.length === 0 ? (
              <p className="muted">Ninguna: el archivo no cambia nada del plan.</p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Hoja</th>
                      <th scope="col" className="numeric">
                        Fila
                      </th>
                      <th scope="col">Registro</th>
                      <th scope="col">Acción</th>
                      <th scope="col">Cambios</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.rows.map((row) => (
                      <tr key={`${row.sheet}-${row.row}`}>
                        <td>{row.sheet}</td>
                        <td className="numeric">{row.row}</td>
                        <td>{row.key}</td>
                        <td>{ACTION_LABELS[row.action]}</td>
                        <td>{row.changes.join("; ")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {preview.hiddenRows > 0 ? <p className="muted">Y {formatInteger(preview.hiddenRows)} filas más, que también se aplicarán.</p> : null}

            {preview.ok && preview.rows.length > 0 ? (
              <Form method="post" className="button-row" style={SPACED}>
                <input type="hidden" name="uploadId" value={preview.uploadId} />
                <button type="submit" className="button button--primary" disabled={busy}>
                  {busy && navigation.formEncType !== "multipart/form-data" ? "Aplicando…" : `Aplicar en ${preview.plan.name}`}
                </button>
              </Form>
            ) : null}
          </section>
        ) : null}
      </div>
    </>
  );
}
