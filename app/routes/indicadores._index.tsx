import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { requireServiceContext } from "~/auth/session.server";
import { CheckboxField, SelectField, TextField, choicesOf } from "~/components/fields";
import { ObjectiveSelect } from "~/components/IndicatorForm";
import { StatusBadge } from "~/components/IndicatorStatus";
import { COMPLIANCE_STATUSES, STATUS_LABELS, STATUS_SLUGS } from "~/domain/compliance";
import { formatInteger } from "~/domain/format";
import { formatIndicatorValue, LIST_PARAM_KEYS, PERIODICITY_LABELS, type IndicatorListParams } from "~/domain/schemas/indicators";
import { rethrowAsResponse } from "~/http/responses.server";
import { listIndicators } from "~/services/indicator-list.server";
import styles from "~/styles/indicators.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Indicadores · GORE RMS" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const params = new URL(request.url).searchParams;
  try {
    const list = await listIndicators(ctx, Object.fromEntries(LIST_PARAM_KEYS.map((key) => [key, params.get(key)])));
    return { ...list, deleted: params.get("eliminado")?.slice(0, 40) ?? null };
  } catch (error) {
    return rethrowAsResponse(error);
  }
}

/** The list's URL for a page, keeping every filter. */
function pageHref(filters: IndicatorListParams, page: number): string {
  const params = new URLSearchParams();
  for (const key of LIST_PARAM_KEYS) {
    if (key !== "pagina" && filters[key]) params.set(key, filters[key]);
  }
  if (page > 1) params.set("pagina", String(page));
  const query = params.toString();
  return query ? `?${query}` : ".";
}

/** First, last, and the pages around the current one; gaps as null. */
function pageWindow(current: number, count: number): (number | null)[] {
  const pages = new Set([1, count, current - 2, current - 1, current, current + 1, current + 2]);
  const sorted = [...pages].filter((page) => page >= 1 && page <= count).sort((a, b) => a - b);
  const withGaps: (number | null)[] = [];
  sorted.forEach((page, index) => {
    if (index > 0 && page - sorted[index - 1] > 1) withGaps.push(null);
    withGaps.push(page);
  });
  return withGaps;
}

export default function Indicadores() {
  const { plan, rows, total, page, pageSize, pageCount, pastLastPage, filters, choices, canCreate, deleted } =
    useLoaderData<typeof loader>();
  const loading = useNavigation().state === "loading";
  const filtered = LIST_PARAM_KEYS.some((key) => key !== "pagina" && filters[key] !== "");
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);

  return (
    <>
      <header className="page-header indicators-header">
        <div>
          <p className="page-header__eyebrow">{plan.name}</p>
          <h1>Indicadores</h1>
          <p className="page-header__lead">
            Los indicadores del plan con su último valor aprobado frente a la meta y su estado de cumplimiento.
          </p>
        </div>
        {canCreate ? (
          <Link to="/indicadores/nuevo" className="button button--primary">
            Nuevo indicador
          </Link>
        ) : null}
      </header>

      {deleted ? (
        <p className="alert alert--success" role="status">
          Se eliminó el indicador {deleted}.
        </p>
      ) : null}

      <section className="card indicator-filters" aria-labelledby="filters-title">
        <h2 id="filters-title" className="visually-hidden">
          Buscar y filtrar
        </h2>
        {/* A fresh form per URL, so that "Quitar filtros" and the back button show what is applied. */}
        <Form method="get" className="form" key={JSON.stringify(filters)}>
          <div className="form-grid">
            <TextField
              name="q"
              label="Buscar por código o nombre"
              type="search"
              defaultValue={filters.q}
              className="field--search"
              maxLength={100}
            />
            <SelectField
              name="pilar"
              label="Pilar"
              placeholder="Todos"
              choices={choicesOf(choices.pillars)}
              defaultValue={filters.pilar}
            />
            <ObjectiveSelect
              name="objetivo"
              label="Objetivo estratégico"
              placeholder="Todos"
              objectives={choices.objectives}
              pillars={choices.pillars}
              defaultValue={filters.objetivo}
            />
            <SelectField
              name="eje"
              label="Eje transversal"
              placeholder="Todos"
              choices={choicesOf(choices.axes)}
              defaultValue={filters.eje}
            />
            <SelectField
              name="unidad"
              label="Unidad responsable"
              placeholder="Todas"
              choices={choicesOf(choices.units)}
              defaultValue={filters.unidad}
            />
            <SelectField
              name="estado"
              label="Estado"
              placeholder="Todos"
              choices={COMPLIANCE_STATUSES.map((status) => ({ value: STATUS_SLUGS[status], label: STATUS_LABELS[status] }))}
              defaultValue={filters.estado}
            />
          </div>
          <CheckboxField name="archivados" label="Incluir archivados" value="1" defaultChecked={filters.archivados === "1"} />
          <div className="button-row">
            <button type="submit" className="button button--primary">
              Filtrar
            </button>
            {filtered ? (
              <Link to="." className="button">
                Quitar filtros
              </Link>
            ) : null}
          </div>
        </Form>
      </section>

      <section aria-labelledby="results-title" aria-busy={loading || undefined}>
        <div className="results-summary">
          <h2 id="results-title">Resultados</h2>
          <p role="status" className="muted">
            {pastLastPage
              ? "Esta página no existe."
              : total === 0
              ? "Ningún indicador coincide con los filtros."
              : `${formatInteger(first)}–${formatInteger(last)} de ${formatInteger(total)} ${
                  total === 1 ? "indicador" : "indicadores"
                }`}
          </p>
        </div>
        {pastLastPage ? (
          <p>
            <Link to={pageHref(filters, 1)}>Ir a la primera página</Link>
          </p>
        ) : rows.length > 0 ? (
          <div className="table-wrap" role="region" aria-labelledby="results-title" tabIndex={0}>
            <table className="table indicator-table">
              <thead>
                <tr>
                  <th scope="col">Código</th>
                  <th scope="col">Indicador</th>
                  <th scope="col">Objetivo</th>
                  <th scope="col">Pilar</th>
                  <th scope="col">Unidad responsable</th>
                  <th scope="col">Periodicidad</th>
                  <th scope="col" className="numeric">
                    Último valor y meta
                  </th>
                  <th scope="col">Estado</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <strong>{row.code}</strong>
                    </td>
                    <td className="indicator-table__name">
                      <Link to={`/indicadores/${row.id}`}>{row.name}</Link>
                      {row.archived ? (
                        <>
                          {" "}
                          <span className="tag tag--inactive">Archivado</span>
                        </>
                      ) : null}
                    </td>
                    <td className="indicator-table__objective">
                      {row.objective_code}
                      <small>{row.objective_title}</small>
                    </td>
                    <td>{row.pillar_name}</td>
                    <td className="indicator-table__unit">{row.unit_name}</td>
                    <td>{PERIODICITY_LABELS[row.periodicity]}</td>
                    <td className="numeric last-value">
                      {row.period_key ? (
                        <>
                          <strong>{formatIndicatorValue(row.actual, row.unit_of_measure)}</strong>
                          <small>meta {formatIndicatorValue(row.target, row.unit_of_measure)}</small>
                          <small>{row.period_key}</small>
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td>
                      <StatusBadge status={row.status} />
                      {row.compliance != null ? <small>{formatIndicatorValue(row.compliance, "%", 1)}</small> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}

        {pageCount > 1 && !pastLastPage ? (
          <nav className="pager indicator-pager" aria-label="Páginas de indicadores">
            {page > 1 ? <Link to={pageHref(filters, page - 1)}>« Anterior</Link> : <span />}
            <ul className="pager__pages">
              {pageWindow(page, pageCount).map((item, index) =>
                item == null ? (
                  <li key={`gap-${index}`}>
                    <span className="pager__gap" aria-hidden="true">
                      …
                    </span>
                  </li>
                ) : (
                  <li key={item}>
                    <Link
                      to={pageHref(filters, item)}
                      aria-current={item === page ? "page" : undefined}
                      aria-label={`Página ${item}`}
                    >
                      {item}
                    </Link>
                  </li>
                )
              )}
            </ul>
            {page < pageCount ? <Link to={pageHref(filters, page + 1)}>Siguiente »</Link> : <span />}
          </nav>
        ) : null}
      </section>
    </>
  );
}
