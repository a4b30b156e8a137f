import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireServiceContext } from "~/auth/session.server";
import { formatPercent } from "~/domain/format";
import { DEFINITION_KIND_LABELS, PLAN_STATUS_LABELS } from "~/domain/schemas/plan-structure";
import { weightShare } from "~/domain/weights";
import { rethrowAsResponse, optionalQueryId } from "~/http/responses.server";
import { getPlanPage } from "~/services/plan-structure.server";
import styles from "~/styles/plan.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.plan ? data.plan.name : "Plan"} · GORE RMS` },
];

/** Messages a redirect may ask this page to show; fixed texts, so the URL cannot inject any. */
const NOTICES: Record<string, string> = {
  "plan-creado": "Plan creado, con todos sus periodos de reporte abiertos.",
  "plan-borrador":
    "Plan creado como borrador, con todos sus periodos de reporte abiertos: ya hay otro plan activo. Puede completarlo aquí y activarlo en sus ajustes.",
  "pilar-eliminado": "Pilar eliminado.",
  "eje-eliminado": "Eje transversal eliminado.",
  "objetivo-eliminado": "Objetivo eliminado.",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const url = new URL(request.url);
  const planId = optionalQueryId(url, "plan", "El plan no existe.");
  try {
    const page = await getPlanPage(ctx, planId);
    return { ...page, notice: NOTICES[url.searchParams.get("aviso") ?? ""] ?? null, planQuery: planId ? `plan=${planId}` : "" };
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const weightFormat = new Intl.NumberFormat("es-CL", { maximumFractionDigits: 3 });
const formatWeight = (weight: number) => weightFormat.format(weight);
const withQuery = (path: string, ...queries: string[]) => {
  const query = queries.filter(Boolean).join("&");
  return query ? `${path}?${query}` : path;
};
const countLabel = (n: number, one: string, many: string) => `${n.toLocaleString("es-CL")} ${n === 1 ? one : many}`;

export default function PlanPage() {
  const data = useLoaderData<typeof loader>();
  const { plan, plans, canEdit, notice } = data;

  if (!plan) {
    return (
      <>
        <section className="empty-state" aria-labelledby="empty-title">
          <h1 id="empty-title">Aún no hay un plan activo</h1>
          {canEdit ? (
            <>
              <p>Cree el plan estratégico para empezar: luego podrá agregar sus definiciones, pilares, ejes y objetivos.</p>
              <p>
                <Link to="/plan/nuevo" className="button button--primary">
                  Crear un plan
                </Link>
              </p>
            </>
          ) : (
            <p>Planificación aún no ha cargado el plan estratégico. Vuelva a consultar más adelante.</p>
          )}
        </section>
        <OtherPlans plans={plans} currentId={null} />
      </>
    );
  }

  const { definitions, pillars, axes, objectives, planQuery } = data;
  const core = definitions.filter((d) => d.kind === "mission" || d.kind === "vision");
  const others = definitions.filter((d) => d.kind !== "mission" && d.kind !== "vision");
  const pillarWeights = pillars.map((p) => p.weight);
  const axisById = new Map(axes.map((axis) => [axis.id, axis]));

  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">
          Plan estratégico · {plan.start_year}–{plan.end_year}
        </p>
        <h1>{plan.name}</h1>
        {plan.description ? <p className="page-header__lead">{plan.description}</p> : null}
      </header>

      {notice ? (
        <p className="alert alert--success" role="status">
          {notice}
        </p>
      ) : null}

      <dl className="plan-facts">
        <div>
          <dt>Código</dt>
          <dd>{plan.code}</dd>
        </div>
        <div>
          <dt>Vigencia</dt>
          <dd>
            {plan.start_year}–{plan.end_year}
          </dd>
        </div>
        <div>
          <dt>Estado</dt>
          <dd>
            <span className={`tag plan-status plan-status--${plan.status}`}>{PLAN_STATUS_LABELS[plan.status]}</span>
          </dd>
        </div>
        <div>
          <dt>Semáforo</dt>
          <dd>
            cumplido ≥ {formatPercent(plan.green_threshold, 0)} · en riesgo ≥ {formatPercent(plan.yellow_threshold, 0)}
          </dd>
        </div>
        <div>
          <dt>Tope de cumplimiento</dt>
          <dd>{formatPercent(plan.score_cap, 0)}</dd>
        </div>
      </dl>
      {canEdit ? (
        <div className="button-row plan-actions">
          <Link to={withQuery("/plan/ajustes", planQuery)} className="button">
            Ajustes del plan
          </Link>
          <Link to="/plan/nuevo" className="button">
            Nuevo plan
          </Link>
        </div>
      ) : null}
      <p className="button-row plan-links">
        <Link to="/plan/metas">Metas y ponderaciones</Link>
        <Link to="/plan/periodos">Periodos de reporte</Link>
        <Link to="/plan/unidades">Unidades responsables</Link>
      </p>

      <section aria-labelledby="definiciones-title">
        <div className="section-head">
          <h2 id="definiciones-title">Definiciones estratégicas</h2>
          {canEdit ? (
            <Link to={withQuery("/plan/definiciones", planQuery)} className="button">
              Editar definiciones
            </Link>
          ) : null}
        </div>
        {definitions.length === 0 ? <p className="muted">Aún no hay misión, visión ni valores registrados.</p> : null}
        {core.length > 0 ? (
          <div className="definition-grid">
            {core.map((definition) => (
              <article key={definition.id} className="card definition-card definition-card--core">
                <h3>{definition.title ?? DEFINITION_KIND_LABELS[definition.kind]}</h3>
                <p>{definition.body}</p>
              </article>
            ))}
          </div>
        ) : null}
        {others.length > 0 ? (
          <>
            <h3 className="subsection-title">Valores y principios</h3>
            <ul className="definition-list">
              {others.map((definition) => (
                <li key={definition.id} className="definition-card">
                  <p className="definition-card__kind">{DEFINITION_KIND_LABELS[definition.kind]}</p>
                  {definition.title ? <h4>{definition.title}</h4> : null}
                  <p>{definition.body}</p>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="pilares-title">
        <div className="section-head">
          <h2 id="pilares-title">Pilares</h2>
          {canEdit ? (
            <Link to={withQuery("/plan/pilares/nuevo", planQuery)} className="button">
              Agregar pilar
            </Link>
          ) : null}
        </div>
        {pillars.length === 0 ? <p className="muted">El plan aún no tiene pilares.</p> : null}
        <ul className="pillar-grid">
          {pillars.map((pillar) => {
            const share = weightShare(pillar.weight, pillarWeights);
            return (
              <li key={pillar.id} id={`pilar-${pillar.id}`} className="pillar-card" style={{ borderTopColor: pillar.color }}>
                <p className="pillar-card__governance">{pillar.governance ?? "Pilar"}</p>
                <h3 className="pillar-card__name">{pillar.name}</h3>
                {pillar.action_line ? <p className="pillar-card__line">{pillar.action_line}</p> : null}
                {pillar.description ? <p className="pillar-card__description">{pillar.description}</p> : null}
                <dl className="pillar-card__facts">
                  <div>
                    <dt>Peso</dt>
                    <dd>
                      {formatWeight(pillar.weight)}
                      {share != null ? (
                        <span className="muted">
                          {" "}
                          ({formatPercent(share * 100, 0)}
                          <span className="visually-hidden"> del plan</span>)
                        </span>
                      ) : null}
                    </dd>
                  </div>
                  <div>
                    <dt>Objetivos</dt>
                    <dd>{pillar.objective_count ?? 0}</dd>
                  </div>
                  <div>
                    <dt>Compromisos</dt>
                    <dd>{pillar.commitment_count ?? 0}</dd>
                  </div>
                </dl>
                {canEdit ? (
                  <p className="pillar-card__edit">
                    <Link to={`/plan/pilares/${pillar.id}`}>
                      Editar pilar<span className="visually-hidden"> {pillar.name}</span>
                    </Link>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="ejes-title">
        <div className="section-head">
          <h2 id="ejes-title">Ejes transversales</h2>
          {canEdit ? (
            <Link to={withQuery("/plan/ejes/nuevo", planQuery)} className="button">
              Agregar eje
            </Link>
          ) : null}
        </div>
        {axes.length === 0 ? <p className="muted">El plan aún no tiene ejes transversales.</p> : null}
        <ul className="axis-grid">
          {axes.map((axis) => (
            <li key={axis.id} className="axis-card" style={{ borderLeftColor: axis.color }}>
              <h3 className="axis-card__name">{axis.name}</h3>
              {axis.description ? <p>{axis.description}</p> : null}
              {canEdit ? (
                <Link to={`/plan/ejes/${axis.id}`} className="axis-card__edit">
                  Editar<span className="visually-hidden"> eje {axis.name}</span>
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="objetivos-title">
        <h2 id="objetivos-title">Objetivos estratégicos</h2>
        {pillars.length === 0 ? <p className="muted">Agregue primero un pilar: cada objetivo pertenece a uno.</p> : null}
        {pillars.map((pillar) => {
          const own = objectives.filter((objective) => objective.pillar_id === pillar.id);
          const weights = own.filter((objective) => objective.archived_at == null).map((objective) => objective.weight);
          return (
            <section key={pillar.id} className="objective-group" aria-labelledby={`objetivos-${pillar.id}`}>
              <div className="section-head section-head--minor">
                <h3 id={`objetivos-${pillar.id}`} className="objective-group__title">
                  <span className="swatch" style={{ backgroundColor: pillar.color }} aria-hidden="true" />
                  {pillar.name}
                </h3>
                {canEdit ? (
                  <Link to={withQuery("/plan/objetivos/nuevo", planQuery, `pilar=${pillar.id}`)} className="button">
                    Agregar objetivo<span className="visually-hidden"> a {pillar.name}</span>
                  </Link>
                ) : null}
              </div>
              {own.length === 0 ? (
                <p className="muted">Este pilar aún no tiene objetivos.</p>
              ) : (
                <div className="table-wrap">
                  <table className="table objective-table">
                    <caption className="visually-hidden">Objetivos del pilar {pillar.name}</caption>
                    <colgroup>
                      <col className="objective-table__col-code" />
                      <col />
                      <col className="objective-table__col-weight" />
                      <col className="objective-table__col-unit" />
                      <col className="objective-table__col-axes" />
                      <col className="objective-table__col-count" />
                      {canEdit ? <col className="objective-table__col-actions" /> : null}
                    </colgroup>
                    <thead>
                      <tr>
                        <th scope="col">Código</th>
                        <th scope="col">Objetivo</th>
                        <th scope="col" className="numeric">
                          Peso
                        </th>
                        <th scope="col">Unidad responsable</th>
                        <th scope="col">Ejes transversales</th>
                        <th scope="col">Indicadores</th>
                        {canEdit ? (
                          <th scope="col">
                            <span className="visually-hidden">Acciones</span>
                          </th>
                        ) : null}
                      </tr>
                    </thead>
                    <tbody>
                      {own.map((objective) => {
                        const archived = objective.archived_at != null;
                        const share = archived ? null : weightShare(objective.weight, weights);
                        return (
                          <tr key={objective.id} className={archived ? "objective-row--archived" : undefined}>
                            <th scope="row" className="objective-table__code">
                              {objective.code}
                            </th>
                            <td className="objective-table__title">
                              <span className="objective-table__name">{objective.title}</span>
                              {archived ? <span className="tag tag--inactive">Archivado</span> : null}
                              {objective.description ? <span className="objective-table__description">{objective.description}</span> : null}
                            </td>
                            <td className="numeric">
                              {formatWeight(objective.weight)}
                              {share != null ? (
                                <span className="objective-table__share">
                                  {formatPercent(share * 100, 0)}
                                  <span className="visually-hidden"> del pilar</span>
                                </span>
                              ) : null}
                            </td>
                            <td>{objective.owner_unit_name ?? <span className="muted">Sin asignar</span>}</td>
                            <td>
                              {objective.axis_ids.length === 0 ? (
                                <span className="muted">—</span>
                              ) : (
                                <ul className="axis-chips">
                                  {objective.axis_ids.map((axisId) => {
                                    const axis = axisById.get(axisId);
                                    return axis ? (
                                      <li key={axisId} className="axis-chip" style={{ borderLeftColor: axis.color }}>
                                        {axis.name}
                                      </li>
                                    ) : null;
                                  })}
                                </ul>
                              )}
                            </td>
                            <td className="objective-table__count">
                              {(objective.indicator_count ?? 0) > 0 ? (
                                <Link to={`/indicadores?objetivo=${objective.id}`}>
                                  {countLabel(objective.indicator_count ?? 0, "indicador", "indicadores")}
                                  <span className="visually-hidden"> del objetivo {objective.code}</span>
                                </Link>
                              ) : (
                                <span className="muted">Sin indicadores</span>
                              )}
                            </td>
                            {canEdit ? (
                              <td>
                                <Link to={`/plan/objetivos/${objective.id}`}>
                                  Editar<span className="visually-hidden"> objetivo {objective.code}</span>
                                </Link>
                              </td>
                            ) : null}
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          );
        })}
      </section>

      <OtherPlans plans={plans} currentId={plan.id} />
    </>
  );
}

function OtherPlans({
  plans,
  currentId,
}: {
  plans: { id: number; name: string; code: string; start_year: number; end_year: number; status: "draft" | "active" | "archived" }[];
  currentId: number | null;
}) {
  const others = plans.filter((plan) => plan.id !== currentId);
  if (others.length === 0) return null;
  return (
    <section aria-labelledby="otros-planes-title">
      <h2 id="otros-planes-title">Otros planes</h2>
      <ul className="other-plans">
        {others.map((plan) => (
          <li key={plan.id}>
            <Link to={`/plan?plan=${plan.id}`}>{plan.name}</Link>{" "}
            <span className="muted">
              ({plan.code}, {plan.start_year}–{plan.end_year})
            </span>{" "}
            <span className={`tag plan-status plan-status--${plan.status}`}>{PLAN_STATUS_LABELS[plan.status]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
