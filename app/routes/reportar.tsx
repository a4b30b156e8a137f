import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useMemo, useState } from "react";
import { z } from "zod";
import { requireServiceContext } from "~/auth/session.server";
import { FormMessage, SelectField, choicesOf } from "~/components/fields";
import { ClientOnly } from "~/components/grid/ClientOnly";
import { EditableGrid } from "~/components/grid/EditableGrid.client";
import { GridFilters } from "~/components/grid/GridFilters";
import { GridPlaceholder, gridLinks } from "~/components/grid/GridPlaceholder";
import { reportingColumns } from "~/components/columns/reporting";
import { formatInteger } from "~/domain/format";
import { PERIODICITY_LABELS } from "~/domain/period-labels";
import { failureResponse, rethrowAsResponse } from "~/http/responses.server";
import { loadReportingGrid, submitForValidation } from "~/services/reporting-grid.server";

export const links: LinksFunction = () => gridLinks();
export const meta: MetaFunction = () => [{ title: "Reportar avances · GORE RMS" }];

const GRID_HEIGHT = 560;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const url = new URL(request.url);
  try {
    return await loadReportingGrid(ctx, {
      anio: url.searchParams.get("anio"),
      unidad: url.searchParams.get("unidad"),
      periodicidad: url.searchParams.get("periodicidad"),
    });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const submitInput = z.object({
  intent: z.literal("submit"),
  periodId: z.string(),
  unitId: z.string().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const parsed = submitInput.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Acción desconocida.", { status: 400 });
  try {
    const { submitted } = await submitForValidation(ctx, {
      periodId: parsed.data.periodId,
      unitId: parsed.data.unitId || undefined,
    });
    return {
      ok: true,
      message:
        submitted === 0
          ? "No había valores en borrador o devueltos en ese periodo: no se envió nada."
          : `Se ${submitted === 1 ? "envió 1 valor" : `enviaron ${formatInteger(submitted)} valores`} a validación.`,
    };
  } catch (error) {
    return failureResponse(error);
  }
}

export default function ReportingPage() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const [pending, setPending] = useState(0);
  const columns = useMemo(() => reportingColumns(loaded.periods, loaded.rows), [loaded.periods, loaded.rows]);
  const openPeriods = loaded.periods.filter((period) => period.status === "open");

  return (
    <>
      <header className="page-header">
        <div>
          <p className="page-header__eyebrow">{loaded.plan.name}</p>
          <h1>Reportar avances</h1>
          <p className="page-header__lead">
            Escriba los valores en la tabla o pegue un bloque copiado de Excel (Ctrl+V), guarde y, cuando el periodo esté
            completo, envíelo a validación. Las celdas grises no se pueden editar: pase el cursor sobre ellas para ver por qué.
          </p>
        </div>
      </header>

      <GridFilters label="Qué reportar" formKey={`${loaded.year}-${loaded.unitId}-${loaded.periodicity}`} submitLabel="Ver">
        <SelectField
          name="anio"
          label="Año"
          choices={loaded.years.map((year) => ({
            value: year,
            label: String(year),
          }))}
          defaultValue={loaded.year}
        />
        <SelectField
          name="unidad"
          label="Unidad"
          placeholder="Todas mis unidades"
          choices={choicesOf(loaded.units)}
          defaultValue={loaded.unitId ?? ""}
        />
        <SelectField
          name="periodicidad"
          label="Periodicidad"
          choices={loaded.periodicities.map((periodicity) => ({
            value: periodicity,
            label: PERIODICITY_LABELS[periodicity],
          }))}
          defaultValue={loaded.periodicity ?? ""}
        />
      </GridFilters>

      {loaded.rows.length === 0 ? (
        <p className="empty-state">No hay indicadores que usted pueda reportar con estos filtros.</p>
      ) : (
        <ClientOnly fallback={<GridPlaceholder height={GRID_HEIGHT} />}>
          {() => (
            <EditableGrid
              rows={loaded.rows}
              columns={columns}
              rowId={(row) => String(row.indicatorId)}
              rowLabel={(row) => `${row.code} ${row.name}`}
              saveUrl="/reportar/guardar"
              onSaved={() => revalidator.revalidate()}
              onPendingChange={setPending}
              height={GRID_HEIGHT}
              ariaLabel={`Valores de ${loaded.rows.length} indicadores en ${loaded.year}`}
            />
          )}
        </ClientOnly>
      )}

      <section className="card grid-submit" aria-labelledby="submit-title">
        <h2 id="submit-title">Enviar a validación</h2>
        <p className="muted">
          Envía sus valores en borrador o devueltos del periodo elegido
          {loaded.unitId != null ? ", de la unidad filtrada" : ""}. Después de enviarlos, solo cambian si planificación los
          devuelve.
        </p>
        <FormMessage result={result} />
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="submit" />
          {loaded.unitId != null ? <input type="hidden" name="unitId" value={loaded.unitId} /> : null}
          <div className="form-grid">
            <SelectField
              name="periodId"
              label="Periodo"
              choices={openPeriods.map((period) => ({
                value: period.id,
                label: period.label,
              }))}
              defaultValue={loaded.submitDefaultId ?? ""}
              hint={openPeriods.length === 0 ? "No hay periodos abiertos en esta vista." : undefined}
            />
          </div>
          <div className="button-row">
            <button
              type="submit"
              className="button button--primary"
              disabled={pending > 0 || openPeriods.length === 0 || navigation.state !== "idle"}
            >
              Enviar a validación
            </button>
            {pending > 0 ? <span className="muted">Guarde sus cambios antes de enviar.</span> : null}
          </div>
        </Form>
      </section>
    </>
  );
}
