import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireServiceContext } from "~/auth/session.server";
import { CheckboxField, SelectField } from "~/components/fields";
import { HowCalculated } from "~/components/HowCalculated";
import { Sparkline } from "~/components/Sparkline";
import { StatusBadge } from "~/components/StatusBadge";
import { formatDecimal, formatInteger, formatIsoDate, formatPercent } from "~/domain/format";
import { periodLabel } from "~/domain/period-labels";
import { rethrowAsResponse } from "~/http/responses.server";
import { NotFoundError } from "~/services/errors";
import { getDashboard } from "~/services/scorecard.server";
import dashboardStyles from "~/styles/dashboard.css";

export const meta: MetaFunction = () => [{ title: "Tablero · GORE RMS" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];

const percent = (fraction: number | null) => formatPercent(fraction == null ? null : fraction * 100);
const withUnit = (value: number | null, unit: string) => (value == null ? "—" : `${formatDecimal(value, 2)} ${unit}`);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const url = new URL(request.url);
  const query = Object.fromEntries(url.searchParams);
  try {
    const dashboard = await getDashboard(ctx, query);
    const focusPillar = Number(url.searchParams.get("pilar")) || null;
    const focusObjective = Number(url.searchParams.get("objetivo")) || null;
    const { model } = dashboard;
    // Send only the level being looked at: a large plan has thousands of indicators.
    const pillars = model.pillars.map((pillar) => ({
      ...pillar,
      objectives: pillar.objectives.map((objective) => ({
        ...objective,
        indicators: objective.id === focusObjective ? objective.indicators : [],
      })),
    }));
    return {
      empty: false as const,
      plan: { name: dashboard.plan.name },
      settings: dashboard.settings,
      period: { key: dashboard.period.key, endDate: dashboard.period.end_date, status: dashboard.period.status },
      periodChoices: dashboard.periods.map((period) => ({ value: period.key, label: periodLabel(period.key) })),
      unitChoices: dashboard.units.map((unit) => ({ value: unit.id, label: unit.name })),
      axisChoices: dashboard.axes.map((axis) => ({ value: axis.id, label: axis.name })),
      includeSubmitted: dashboard.includeSubmitted,
      today: dashboard.today,
      planScore: model.plan,
      pillars,
      axes: model.axes,
      statusCounts: model.statusCounts,
      indicatorCount: model.indicatorCount,
      overdueMilestones: model.overdueMilestones.slice(0, 10),
      overdueCount: model.overdueMilestones.length,
      commitments: model.commitments,
      focusPillar,
      focusObjective,
    };
  } catch (error) {
    if (error instanceof NotFoundError) return { empty: true as const, message: error.message };
    rethrowAsResponse(error);
  }
}

export default function Tablero() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  if (data.empty) {
    return (
      <section className="empty-state">
        <h1>Aún no hay un plan cargado</h1>
        <p>{data.message} Planificación puede crear uno en «Plan».</p>
      </section>
    );
  }
  const drill = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value == null) next.delete(key);
      else next.set(key, value);
    }
    return `/?${next.toString()}`;
  };
  const pillar = data.pillars.find((candidate) => candidate.id === data.focusPillar) ??
    data.pillars.find((candidate) => candidate.objectives.some((objective) => objective.id === data.focusObjective));
  const objective = pillar?.objectives.find((candidate) => candidate.id === data.focusObjective);

  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">Tablero de control</p>
        <h1>{data.plan.name}</h1>
        <p className="page-header__lead">
          Avance acumulado del año al cierre de {periodLabel(data.period.key)} ({formatIsoDate(data.period.endDate)}),{" "}
          {data.includeSubmitted ? "incluyendo valores reportados aún no validados" : "solo con valores validados"}.
        </p>
      </header>

      <Form method="get" className="card filters" aria-label="Filtros del tablero">
        <SelectField name="periodo" label="Periodo" defaultValue={data.period.key} choices={data.periodChoices} />
        <SelectField name="unidad" label="Unidad" defaultValue={params.get("unidad") ?? ""} choices={data.unitChoices} placeholder="Todas" />
        <SelectField name="eje" label="Eje transversal" defaultValue={params.get("eje") ?? ""} choices={data.axisChoices} placeholder="Todos" />
        <CheckboxField
          name="reportados"
          value="1"
          label="Incluir reportados (no validados)"
          defaultChecked={data.includeSubmitted}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary">
            Aplicar
          </button>
          <Link to="/" className="button">
            Limpiar
          </Link>
        </div>
      </Form>

      <section className="summary" aria-labelledby="plan-score-title">
        <div className="card score-card">
          <h2 id="plan-score-title">Puntaje del plan</h2>
          <p className="score-card__value">{percent(data.planScore.score)}</p>
          <StatusBadge status={data.planScore.status} />
          <p className="muted">Cobertura {percent(data.planScore.coverage)}</p>
          <Sparkline points={data.planScore.trend} />
          <HowCalculated lines={data.planScore.explanation} />
        </div>
        <div className="card">
          <h2>Indicadores por estado</h2>
          <ul className="status-counts">
            {(["green", "yellow", "red", "none"] as const).map((status) => (
              <li key={status}>
                <StatusBadge status={status} compact />
                <span className="status-counts__n">{formatInteger(data.statusCounts[status])}</span>
              </li>
            ))}
          </ul>
          <p className="muted">{formatInteger(data.indicatorCount)} indicadores en la vista.</p>
        </div>
        <div className="card">
          <h2>Plan de acción</h2>
          <p className="score-card__value">{formatPercent(data.commitments.averageProgress)}</p>
          <p className="muted">
            Avance promedio de {formatInteger(data.commitments.count)} compromisos.{" "}
            <strong>
              {formatInteger(data.overdueCount)} {data.overdueCount === 1 ? "hito atrasado" : "hitos atrasados"}
            </strong>
            .
          </p>
        </div>
      </section>

      <nav aria-label="Ubicación en el tablero" className="breadcrumb">
        <Link to={drill({ pilar: null, objetivo: null })}>Plan</Link>
        {pillar ? (
          <>
            {" › "}
            <Link to={drill({ pilar: String(pillar.id), objetivo: null })}>{pillar.name}</Link>
          </>
        ) : null}
        {objective ? (
          <>
            {" › "}
            <span aria-current="page">{objective.code}</span>
          </>
        ) : null}
      </nav>

      {!pillar ? (
        <section aria-labelledby="pillars-title">
          <h2 id="pillars-title">Pilares</h2>
          <ul className="tile-grid">
            {data.pillars.map((item) => (
              <li key={item.id} className="tile" style={{ borderTopColor: item.color }}>
                <p className="tile__eyebrow">{item.actionLine ?? "Pilar"}</p>
                <h3 className="tile__title">
                  <Link to={drill({ pilar: String(item.id), objetivo: null })}>{item.name}</Link>
                </h3>
                <p className="score-line">
                  <span className="score-line__value">{percent(item.score)}</span> <StatusBadge status={item.status} />
                </p>
                <p className="muted">
                  Cobertura {percent(item.coverage)} · {item.objectives.length} objetivos
                </p>
                <Sparkline points={item.trend} color={item.color} />
                <HowCalculated lines={item.explanation} />
              </li>
            ))}
          </ul>
        </section>
      ) : !objective ? (
        <section aria-labelledby="objectives-title">
          <h2 id="objectives-title">Objetivos de {pillar.name}</h2>
          <p className="score-line">
            <span className="score-line__value">{percent(pillar.score)}</span> <StatusBadge status={pillar.status} />{" "}
            <span className="muted">Cobertura {percent(pillar.coverage)}</span>
          </p>
          <HowCalculated lines={pillar.explanation} />
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Objetivo</th>
                  <th scope="col" className="numeric">Ponderación</th>
                  <th scope="col" className="numeric">Puntaje</th>
                  <th scope="col">Estado</th>
                  <th scope="col" className="numeric">Cobertura</th>
                  <th scope="col">¿Cómo se calcula?</th>
                </tr>
              </thead>
              <tbody>
                {pillar.objectives.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      <Link to={drill({ objetivo: String(item.id), pilar: null })}>
                        {item.code} · {item.title}
                      </Link>
                    </th>
                    <td className="numeric">{formatDecimal(item.weight, 2)}</td>
                    <td className="numeric">{percent(item.score)}</td>
                    <td>
                      <StatusBadge status={item.status} compact />
                    </td>
                    <td className="numeric">{percent(item.coverage)}</td>
                    <td>
                      <HowCalculated lines={item.explanation} label="Ver" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : (
        <section aria-labelledby="indicators-title">
          <h2 id="indicators-title">
            {objective.code} · {objective.title}
          </h2>
          <p className="score-line">
            <span className="score-line__value">{percent(objective.score)}</span> <StatusBadge status={objective.status} />{" "}
            <span className="muted">Cobertura {percent(objective.coverage)}</span>
          </p>
          <HowCalculated lines={objective.explanation} />
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Indicador</th>
                  <th scope="col">Unidad responsable</th>
                  <th scope="col" className="numeric">Valor</th>
                  <th scope="col" className="numeric">Meta</th>
                  <th scope="col" className="numeric">Cumplimiento</th>
                  <th scope="col">Estado</th>
                  <th scope="col">¿Cómo se calcula?</th>
                </tr>
              </thead>
              <tbody>
                {objective.indicators.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      <Link to={`/indicadores/${item.id}`}>
                        {item.code} · {item.name}
                      </Link>
                      {item.includesUnvalidated ? <span className="tag tag--pending">incluye no validados</span> : null}
                    </th>
                    <td>{item.unitName}</td>
                    <td className="numeric">{withUnit(item.actual, item.unitOfMeasure)}</td>
                    <td className="numeric">{withUnit(item.target, item.unitOfMeasure)}</td>
                    <td className="numeric">{percent(item.compliance)}</td>
                    <td>
                      <StatusBadge status={item.status} compact />
                    </td>
                    <td>
                      <HowCalculated lines={item.explanation} label="Ver" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section aria-labelledby="axes-title">
        <h2 id="axes-title">Ejes transversales</h2>
        <ul className="tile-grid tile-grid--small">
          {data.axes.map((axis) => (
            <li key={axis.id} className="tile" style={{ borderTopColor: axis.color }}>
              <h3 className="tile__title">
                <Link to={drill({ eje: String(axis.id) })}>{axis.name}</Link>
              </h3>
              <p className="score-line">
                <span className="score-line__value">{percent(axis.score)}</span> <StatusBadge status={axis.status} compact />
              </p>
              <p className="muted">
                {formatInteger(axis.indicatorCount)} indicadores · cobertura {percent(axis.coverage)}
              </p>
              <HowCalculated lines={axis.explanation} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="overdue-title">
        <h2 id="overdue-title">Hitos atrasados</h2>
        {data.overdueMilestones.length === 0 ? (
          <p className="muted">No hay hitos atrasados.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Compromiso</th>
                  <th scope="col">Hito</th>
                  <th scope="col">Vencía</th>
                  <th scope="col" className="numeric">Avance</th>
                </tr>
              </thead>
              <tbody>
                {data.overdueMilestones.map((milestone) => (
                  <tr key={milestone.id}>
                    <td>
                      {milestone.commitmentCode} · {milestone.commitmentTitle}
                    </td>
                    <th scope="row">{milestone.title}</th>
                    <td className="nowrap">{formatIsoDate(milestone.dueDate)}</td>
                    <td className="numeric">{formatPercent(milestone.progress, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data.overdueCount > data.overdueMilestones.length ? (
          <p className="muted">
            Se muestran {data.overdueMilestones.length} de {formatInteger(data.overdueCount)} hitos atrasados.
          </p>
        ) : null}
      </section>
    </>
  );
}
