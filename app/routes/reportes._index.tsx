import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireServiceContext } from "~/auth/session.server";
import { SelectField, choicesOf } from "~/components/fields";
import { rethrowAsResponse } from "~/http/responses.server";
import { getReportOptions } from "~/services/management-report.server";

export const meta: MetaFunction = () => [{ title: "Reportes · GORE RMS" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  try {
    return await getReportOptions(ctx);
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const SHEETS = [
  ["Resumen", "puntaje del plan, pilares y ejes con su estado y cobertura, indicadores por estado e hitos atrasados."],
  ["Indicadores", "un indicador por fila: meta, valor, cumplimiento (como fórmula de Excel), estado, validación y los periodos del año."],
  ["Plan de acción", "compromisos e hitos con fechas, avance, avance esperado, nivel de cumplimiento y atrasos."],
  ["Comité", "acuerdos del comité y su estado."],
  ["Datos", "una fila por indicador y periodo, lista para tablas dinámicas."],
] as const;

export default function Reportes() {
  const options = useLoaderData<typeof loader>();
  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">Reportes</p>
        <h1>Reporte de gestión</h1>
        <p className="page-header__lead">
          Libro Excel de {options.plan.name} con las mismas cifras del tablero, para el periodo y los filtros que elija.
        </p>
      </header>

      {/* A plain GET form: the browser builds /reportes/gestion.xlsx?periodo=…&pilar=… and downloads it. */}
      <form method="get" action="/reportes/gestion.xlsx" className="card form" aria-label="Opciones del reporte de gestión">
        <div className="form-grid">
          <SelectField
            name="periodo"
            label="Periodo"
            hint="Avance acumulado del año hasta el cierre del periodo."
            choices={options.periods.map((period) => ({ value: period.key, label: period.label }))}
            placeholder="Último cerrado (como el tablero)"
            defaultValue=""
          />
          <SelectField
            name="pilar"
            label="Pilar"
            choices={choicesOf(options.pillars)}
            placeholder="Todos"
            defaultValue=""
          />
          <SelectField
            name="unidad"
            label="Unidad"
            hint="Incluye sus unidades dependientes."
            choices={choicesOf(options.units)}
            placeholder="Todas"
            defaultValue=""
          />
          <SelectField
            name="eje"
            label="Eje transversal"
            choices={choicesOf(options.axes)}
            placeholder="Todos"
            defaultValue=""
          />
        </div>
        <fieldset className="field field--group">
          <legend>Valores considerados</legend>
          <div className="field__checkbox-row">
            <input id="reportados-0" type="radio" name="reportados" value="0" defaultChecked />
            <label htmlFor="reportados-0">Solo validados (cifras oficiales)</label>
          </div>
          <div className="field__checkbox-row">
            <input id="reportados-1" type="radio" name="reportados" value="1" />
            <label htmlFor="reportados-1">Incluir valores reportados aún no validados</label>
          </div>
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button button--primary">
            Descargar Excel
          </button>
        </div>
      </form>

      <section className="card" aria-labelledby="hojas-title" style={{ marginTop: "var(--space-6)" }}>
        <h2 id="hojas-title">Qué contiene</h2>
        <ul>
          {SHEETS.map(([name, description]) => (
            <li key={name}>
              <strong>{name}</strong>: {description}
            </li>
          ))}
        </ul>
        <p className="muted">
          Números y fechas en formato chileno (1.234,50 · 31-12-2024). El cumplimiento es una fórmula sobre la meta y el valor de su
          fila, que Excel o LibreOffice pueden recalcular. La descarga queda registrada en la auditoría.
        </p>
      </section>
    </>
  );
}
