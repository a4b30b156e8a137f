import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireSignedIn } from "~/auth/session.server";
import { formatInteger } from "~/domain/format";
import { getPlanOverview } from "~/services/plan-overview.server";

export const meta: MetaFunction = () => [{ title: "Tablero · GORE RMS" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request);
  return { overview: await getPlanOverview() };
}

export default function Tablero() {
  const { overview } = useLoaderData<typeof loader>();
  if (!overview) {
    return (
      <section className="empty-state">
        <h1>Aún no hay un plan cargado</h1>
        <p>
          La base de datos está vacía. Para cargar el plan de demostración ejecute <code>npm run db:seed</code>.
        </p>
      </section>
    );
  }
  const { plan, pillars, axes } = overview;
  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">
          Tablero · {plan.start_year}–{plan.end_year}
        </p>
        <h1>{plan.name}</h1>
        {plan.description ? <p className="page-header__lead">{plan.description}</p> : null}
      </header>

      <section aria-labelledby="pilares-title">
        <h2 id="pilares-title">Pilares del modelo de gobierno abierto</h2>
        <ul className="tile-grid">
          {pillars.map((pillar) => (
            <li key={pillar.id} className="tile" style={{ borderTopColor: pillar.color }}>
              <p className="tile__eyebrow">{pillar.governance ?? "Pilar"}</p>
              <h3 className="tile__title">{pillar.name}</h3>
              {pillar.action_line ? <p className="tile__line">{pillar.action_line}</p> : null}
              <dl className="tile__figures">
                <div>
                  <dt>Objetivos</dt>
                  <dd>{formatInteger(pillar.objective_count)}</dd>
                </div>
                <div>
                  <dt>Indicadores</dt>
                  <dd>{formatInteger(pillar.indicator_count)}</dd>
                </div>
                <div>
                  <dt>Compromisos</dt>
                  <dd>{formatInteger(pillar.commitment_count)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="ejes-title">
        <h2 id="ejes-title">Ejes transversales</h2>
        <ul className="chip-list">
          {axes.map((axis) => (
            <li key={axis.id} className="chip" style={{ borderLeftColor: axis.color }}>
              {axis.name}
            </li>
          ))}
        </ul>
      </section>

      <p className="note">
        Los puntajes de cumplimiento y el semáforo por pilar, objetivo e indicador se incorporan con el motor de
        cálculo del tablero.
      </p>
    </>
  );
}
