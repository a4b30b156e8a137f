import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { requireServiceContext } from "~/auth/session.server";
import { MILESTONE_COLUMNS } from "~/components/columns/milestones";
import { SelectField, choicesOf } from "~/components/fields";
import { ClientOnly } from "~/components/grid/ClientOnly";
import { EditableGrid } from "~/components/grid/EditableGrid.client";
import { GridFilters } from "~/components/grid/GridFilters";
import { GridPlaceholder, gridLinks } from "~/components/grid/GridPlaceholder";
import { formatInteger } from "~/domain/format";
import { rethrowAsResponse } from "~/http/responses.server";
import { loadMilestonesGrid } from "~/services/milestones-grid.server";

export const links: LinksFunction = () => gridLinks();
export const meta: MetaFunction = () => [{ title: "Hitos · Plan de acción · GORE RMS" }];

const GRID_HEIGHT = 560;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const url = new URL(request.url);
  try {
    return await loadMilestonesGrid(ctx, {
      compromiso: url.searchParams.get("compromiso") || undefined,
      unidad: url.searchParams.get("unidad") || undefined,
    });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export default function MilestonesGridPage() {
  const loaded = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const overdue = loaded.rows.filter((row) => row.overdue).length;
  return (
    <>
      <header className="page-header">
        <div>
          <p className="page-header__eyebrow">Plan de acción</p>
          <h1>Hitos de los compromisos</h1>
          <p className="page-header__lead">
            Avance, estado, fecha comprometida y medio de verificación de cada hito. {formatInteger(loaded.rows.length)} hitos en
            la vista, {formatInteger(overdue)} atrasados.
          </p>
        </div>
      </header>
      <GridFilters label="Filtros" formKey={`${loaded.filters.compromiso}-${loaded.filters.unidad}`}>
        <SelectField
          name="compromiso"
          label="Compromiso"
          placeholder="Todos"
          choices={loaded.commitments.map((commitment) => ({
            value: commitment.id,
            label: `${commitment.code} · ${commitment.title}`,
          }))}
          defaultValue={loaded.filters.compromiso ?? ""}
        />
        <SelectField
          name="unidad"
          label="Unidad"
          placeholder="Todas"
          choices={choicesOf(loaded.units)}
          defaultValue={loaded.filters.unidad ?? ""}
        />
      </GridFilters>
      {loaded.rows.length === 0 ? (
        <p className="empty-state">No hay hitos con estos filtros.</p>
      ) : (
        <ClientOnly fallback={<GridPlaceholder height={GRID_HEIGHT} />}>
          {() => (
            <EditableGrid
              rows={loaded.rows}
              columns={MILESTONE_COLUMNS}
              rowId={(row) => row.row}
              rowLabel={(row) => `${row.commitmentCode} · ${row.title}`}
              saveUrl="/plan-de-accion/hitos/guardar"
              onSaved={() => revalidator.revalidate()}
              height={GRID_HEIGHT}
              ariaLabel={`Hitos del plan de acción (${loaded.rows.length})`}
            />
          )}
        </ClientOnly>
      )}
    </>
  );
}
