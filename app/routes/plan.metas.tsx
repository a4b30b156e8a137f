import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useMemo } from "react";
import { requireServiceContext } from "~/auth/session.server";
import { targetsColumns } from "~/components/columns/targets";
import { SelectField } from "~/components/fields";
import { ClientOnly } from "~/components/grid/ClientOnly";
import { EditableGrid } from "~/components/grid/EditableGrid.client";
import { GridFilters } from "~/components/grid/GridFilters";
import { GridPlaceholder, gridLinks } from "~/components/grid/GridPlaceholder";
import { rethrowAsResponse } from "~/http/responses.server";
import { loadTargetsGrid } from "~/services/targets-grid.server";

export const links: LinksFunction = () => gridLinks();
export const meta: MetaFunction = () => [{ title: "Metas y ponderaciones · Plan · GORE RMS" }];

const GRID_HEIGHT = 560;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const url = new URL(request.url);
  try {
    return await loadTargetsGrid(ctx, {
      anio: url.searchParams.get("anio") || undefined,
    });
  } catch (error) {
    rethrowAsResponse(error);
  }
}

export default function TargetsGridPage() {
  const loaded = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const columns = useMemo(() => targetsColumns(loaded), [loaded]);
  return (
    <>
      <header className="page-header">
        <div>
          <p className="page-header__eyebrow">Plan</p>
          <h1>Metas y ponderaciones {loaded.year}</h1>
          <p className="page-header__lead">
            Una fila por indicador: su ponderación dentro del objetivo, la unidad responsable y la meta de cada periodo del año.
            Edite varias celdas o pegue un bloque desde Excel y guarde todo de una vez; si algo no cuadra, no se guarda nada.
          </p>
        </div>
      </header>
      {!loaded.canEdit ? (
        <p className="alert alert--info" role="status">
          {loaded.reason ?? "Puede consultar las metas; solo planificación puede modificarlas."}
        </p>
      ) : null}
      <GridFilters label="Año" formKey={String(loaded.year)} submitLabel="Ver">
        <SelectField
          name="anio"
          label="Año"
          choices={loaded.years.map((year) => ({
            value: year,
            label: String(year),
          }))}
          defaultValue={loaded.year}
        />
      </GridFilters>
      {loaded.rows.length === 0 ? (
        <p className="empty-state">El plan no tiene indicadores vigentes.</p>
      ) : (
        <ClientOnly fallback={<GridPlaceholder height={GRID_HEIGHT} />}>
          {() => (
            <EditableGrid
              rows={loaded.rows}
              columns={columns}
              rowId={(row) => row.row}
              rowLabel={(row) => `${row.code} ${row.name}`}
              saveUrl={loaded.canEdit ? "/plan/metas/guardar" : undefined}
              onSaved={() => revalidator.revalidate()}
              height={GRID_HEIGHT}
              ariaLabel={`Metas ${loaded.year} de ${loaded.rows.length} indicadores`}
            />
          )}
        </ClientOnly>
      )}
    </>
  );
}
