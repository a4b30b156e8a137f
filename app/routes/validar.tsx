import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useState } from "react";
import { requireServiceContext } from "~/auth/session.server";
import { VALIDATION_COLUMNS } from "~/components/columns/validation";
import { SelectField, TextAreaField, choicesOf } from "~/components/fields";
import { ClientOnly } from "~/components/grid/ClientOnly";
import { EditableGrid } from "~/components/grid/EditableGrid.client";
import { GridFilters } from "~/components/grid/GridFilters";
import { GridPlaceholder, gridLinks } from "~/components/grid/GridPlaceholder";
import { formatInteger } from "~/domain/format";
import type { BatchResult, CellProblem } from "~/domain/grid-batch";
import { rethrowAsResponse } from "~/http/responses.server";
import { loadValidationGrid } from "~/services/validation-grid.server";

export const links: LinksFunction = () => gridLinks();
export const meta: MetaFunction = () => [{ title: "Validar mediciones · GORE RMS" }];

const GRID_HEIGHT = 520;
const STATE_CHOICES = [
  { value: "submitted", label: "Enviadas a validación" },
  { value: "returned", label: "Devueltas" },
  { value: "approved", label: "Aprobadas" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const url = new URL(request.url);
  try {
    return await loadValidationGrid(ctx, {
      periodo: url.searchParams.get("periodo") || undefined,
      unidad: url.searchParams.get("unidad") || undefined,
      estado: url.searchParams.get("estado") || undefined,
    });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

type Outcome = { ok: true; message: string } | { ok: false; message: string; problems: CellProblem[] };

async function postReview(body: unknown): Promise<Outcome> {
  try {
    const response = await fetch("/validar/revisar", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
      },
      body: JSON.stringify(body),
    });
    // A signed-out session ends on the login page (HTML), not on JSON: say so rather than "sin conexión".
    if (!(response.headers.get("Content-Type") ?? "").includes("application/json")) {
      return { ok: false, message: "No se registró ninguna decisión: su sesión expiró. Vuelva a ingresar.", problems: [] };
    }
    const answer = (await response.json()) as BatchResult | { message: string };
    if ("ok" in answer && answer.ok) return { ok: true, message: "" };
    if ("problems" in answer)
      return {
        ok: false,
        message: "No se registró ninguna decisión:",
        problems: answer.problems,
      };
    return {
      ok: false,
      message: "message" in answer ? answer.message : "No se pudo registrar la decisión.",
      problems: [],
    };
  } catch {
    return {
      ok: false,
      message: "No se pudo registrar la decisión: sin conexión. Vuelva a intentarlo.",
      problems: [],
    };
  }
}

export default function ValidationPage() {
  const loaded = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const [selected, setSelected] = useState<string[]>([]);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const reviewable = loaded.filters.estado === "submitted";

  async function decide(decision: "approve" | "return") {
    const versions = new Map(loaded.rows.map((row) => [row.row, row.version]));
    const items = selected.map((row) => ({
      row,
      version: versions.get(row) ?? 0,
    }));
    setBusy(true);
    const result = await postReview({
      decision,
      note: note.trim() || undefined,
      items,
    });
    setBusy(false);
    if (result.ok) {
      const count = items.length;
      const [one, many] = decision === "approve" ? ["aprobó", "aprobaron"] : ["devolvió", "devolvieron"];
      setOutcome({
        ok: true,
        message: count === 1 ? `Se ${one} 1 medición.` : `Se ${many} ${formatInteger(count)} mediciones.`,
      });
      setNote("");
      setSelected([]);
      revalidator.revalidate();
    } else setOutcome(result);
  }

  return (
    <>
      <header className="page-header">
        <div>
          <p className="page-header__eyebrow">Control de gestión</p>
          <h1>Validar mediciones</h1>
          <p className="page-header__lead">
            Los valores enviados por las unidades, con su meta, cumplimiento y medio de verificación. Marque una o varias filas y
            apruébelas, o devuélvalas con una observación para que la unidad las corrija.
          </p>
        </div>
      </header>
      <GridFilters label="Filtros" formKey={JSON.stringify(loaded.filters)}>
        <SelectField name="estado" label="Mostrar" choices={STATE_CHOICES} defaultValue={loaded.filters.estado} />
        <SelectField
          name="periodo"
          label="Periodo"
          placeholder="Todos"
          choices={loaded.periods.map((period) => ({
            value: period.key,
            label: period.label,
          }))}
          defaultValue={loaded.filters.periodo ?? ""}
        />
        <SelectField
          name="unidad"
          label="Unidad"
          placeholder="Todas"
          choices={choicesOf(loaded.units)}
          defaultValue={loaded.filters.unidad ?? ""}
        />
      </GridFilters>

      {loaded.truncated ? (
        <p className="alert alert--info" role="status">
          Se muestran las {formatInteger(loaded.rows.length)} mediciones más recientes; el periodo más antiguo de la lista puede
          estar incompleto. Elija un periodo o una unidad para ver las demás.
        </p>
      ) : null}

      {loaded.rows.length === 0 ? (
        <p className="empty-state">No hay mediciones {reviewable ? "pendientes de validación" : ""} con estos filtros.</p>
      ) : (
        <ClientOnly fallback={<GridPlaceholder height={GRID_HEIGHT} />}>
          {() => (
            <EditableGrid
              rows={loaded.rows}
              columns={VALIDATION_COLUMNS}
              rowId={(row) => row.row}
              rowLabel={(row) => `${row.code} ${row.periodLabel}`}
              height={GRID_HEIGHT}
              ariaLabel={`Mediciones a validar (${loaded.rows.length})`}
              rowSelection={reviewable}
              onSelectionChange={setSelected}
            />
          )}
        </ClientOnly>
      )}

      {reviewable && loaded.rows.length > 0 ? (
        <section className="card grid-submit" aria-labelledby="decision-title">
          <h2 id="decision-title">Decisión</h2>
          <p className="muted" aria-live="polite">
            {selected.length === 0
              ? "Marque en la tabla las mediciones que quiere aprobar o devolver."
              : `${formatInteger(selected.length)} ${selected.length === 1 ? "medición marcada" : "mediciones marcadas"}.`}
          </p>
          {outcome ? (
            <div className={`alert ${outcome.ok ? "alert--success" : "alert--error"}`} role={outcome.ok ? "status" : "alert"}>
              <p>{outcome.message}</p>
              {!outcome.ok && outcome.problems.length > 0 ? (
                <ul>
                  {outcome.problems.map((problem) => (
                    <li key={problem.row}>{problem.message}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <TextAreaField
            name="note"
            label="Observación"
            hint="Obligatoria al devolver: diga qué debe corregir la unidad."
            value={note}
            maxLength={2000}
            onChange={(event) => setNote(event.target.value)}
          />
          <div className="button-row">
            <button
              type="button"
              className="button button--primary"
              disabled={busy || selected.length === 0}
              onClick={() => decide("approve")}
            >
              Aprobar marcadas
            </button>
            <button type="button" className="button" disabled={busy || selected.length === 0} onClick={() => decide("return")}>
              Devolver marcadas
            </button>
          </div>
        </section>
      ) : null}
    </>
  );
}
