import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { requireServiceContext } from "~/auth/session.server";
import { formatCount, formatInteger, formatIsoDate } from "~/domain/format";
import { failureResponse, rethrowAsResponse } from "~/http/responses.server";
import { fillCurrentPlanPeriods, getPeriodsPage, previewPeriodChange, setPeriodOpen } from "~/services/periods.server";
import styles from "~/styles/periods.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `Periodos ${loaded?.year ?? ""} · Plan · GORE RMS` },
];

// Formatted on the server, so the page reads the same before and after hydration.
const timestampFormat = new Intl.DateTimeFormat("es-CL", {
  timeZone: "America/Santiago",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const url = new URL(request.url);
  try {
    const page = await getPeriodsPage(ctx, { year: url.searchParams.get("anio") });
    return {
      ...page,
      groups: page.groups.map((group) => ({
        ...group,
        periods: group.periods.map(({ closedAt, ...period }) => ({
          ...period,
          closedAtText: closedAt ? timestampFormat.format(closedAt) : null,
          current: period.startDate <= page.today && page.today <= period.endDate,
        })),
      })),
    };
  } catch (error) {
    rethrowAsResponse(error);
  }
}

const actionInput = z.object({
  intent: z.enum(["close", "reopen", "generate"]),
  periodId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  confirm: z.string().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const parsed = actionInput.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Acción desconocida.", { status: 400 });
  const { intent, periodId, confirm } = parsed.data;
  try {
    if (intent === "generate") {
      const created = await fillCurrentPlanPeriods(ctx);
      return {
        kind: "done" as const,
        message:
          created === 0
            ? "El plan ya tenía todos sus periodos."
            : `Se crearon ${formatInteger(created)} ${created === 1 ? "periodo" : "periodos"}, abiertos.`,
      };
    }
    if (periodId == null) throw new Response("Falta el periodo.", { status: 400 });
    const open = intent === "reopen";
    // Two steps on the server, so the confirmation works without JavaScript too.
    if (confirm !== "yes") {
      const period = await previewPeriodChange(ctx, periodId, open);
      return {
        kind: "confirm" as const,
        intent,
        period: {
          id: period.id,
          label: period.label,
          endDate: period.endDate,
          endsAfterToday: period.endsAfterToday,
          draft: period.counts.draft,
          returned: period.counts.returned,
          missing: period.counts.missing,
        },
      };
    }
    const changed = await setPeriodOpen(ctx, periodId, open);
    return {
      kind: "done" as const,
      message: open
        ? `Se reabrió el periodo ${changed.label}. Las jefaturas pueden volver a reportar en él.`
        : `Se cerró el periodo ${changed.label}.`,
    };
  } catch (error) {
    const failure = failureResponse(error);
    return data({ kind: "failed" as const, message: failure.data.message }, failure.init ?? undefined);
  }
}


/** "quedan 3 mediciones en borrador", with the verb agreeing and nothing left said plainly. */
function pendingDrafts(n: number): string {
  if (n === 0) return "no quedan mediciones en borrador";
  return `${n === 1 ? "queda" : "quedan"} ${formatCount(n, "medición", "mediciones")} en borrador`;
}

function LockIcon({ closed }: { closed: boolean }) {
  return (
    <svg className="period-status__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
      <path
        d={closed ? "M5 7V5a3 3 0 0 1 6 0v2" : "M5 7V5a3 3 0 0 1 5.8-1.1"}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
      />
    </svg>
  );
}

export default function Periodos() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData : undefined;
  const confirmRef = useRef<HTMLDivElement>(null);
  const confirming = result?.kind === "confirm" ? result : undefined;
  const formAction = `/plan/periodos?anio=${page.year}`;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const all = page.groups.flatMap((group) => group.periods);
  const closedCount = all.filter((period) => period.status === "closed").length;

  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to="/plan">Plan</Link>
        </p>
        <h1>Periodos de reporte</h1>
        <p className="page-header__lead">
          Los periodos en que las jefaturas reportan sus mediciones. En un periodo cerrado ya no se reporta: solo
          administración puede modificar sus valores, y cada cambio queda en la auditoría.
        </p>
      </header>

      <nav className="year-nav" aria-label="Año">
        <ul>
          {page.years.map((year) => (
            <li key={year}>
              <Link to={`?anio=${year}`} aria-current={year === page.year ? "page" : undefined} preventScrollReset>
                {year}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {result?.kind === "done" ? (
        <p className="alert alert--success" role="status">
          {result.message}
        </p>
      ) : null}
      {result?.kind === "failed" ? (
        <p className="alert alert--error" role="alert">
          {result.message}
        </p>
      ) : null}

      {confirming ? (
        <div className="alert alert--info period-confirm" role="alert" tabIndex={-1} ref={confirmRef} aria-labelledby="confirm-title">
          <p id="confirm-title" className="period-confirm__question">
            {confirming.intent === "close"
              ? `¿Cerrar el periodo ${confirming.period.label}?`
              : `¿Reabrir el periodo ${confirming.period.label}?`}
          </p>
          <p className="period-confirm__detail">
            {confirming.intent === "close" ? (
              <>
                Las jefaturas ya no podrán reportar en él; {pendingDrafts(confirming.period.draft)}.
                {confirming.period.returned > 0
                  ? ` ${formatCount(confirming.period.returned, "medición devuelta sigue", "mediciones devueltas siguen")} sin corregir.`
                  : null}
                {confirming.period.missing > 0
                  ? ` ${formatCount(confirming.period.missing, "indicador no tiene", "indicadores no tienen")} medición.`
                  : null}
                {confirming.period.endsAfterToday
                  ? ` El periodo aún no termina (termina el ${formatIsoDate(confirming.period.endDate)}).`
                  : null}
              </>
            ) : (
              "Las jefaturas podrán volver a reportar y corregir sus mediciones en él."
            )}
          </p>
          <Form method="post" action={formAction} className="button-row">
            <input type="hidden" name="intent" value={confirming.intent} />
            <input type="hidden" name="periodId" value={confirming.period.id} />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" className={`button ${confirming.intent === "close" ? "button--danger" : "button--primary"}`} disabled={Boolean(busy)}>
              {busy ? "Guardando…" : "Confirmar"}
            </button>
            <Link to={`?anio=${page.year}`} className="button" preventScrollReset>
              Cancelar
            </Link>
          </Form>
        </div>
      ) : null}

      {page.missingPeriodCount > 0 ? (
        <div className="alert alert--info">
          <p className="period-confirm__detail">
            Al año {page.year} le faltan {formatCount(page.missingPeriodCount, "periodo", "periodos")} de reporte.
            {page.canManage ? " Puede crearlos ahora; quedan abiertos." : " Planificación puede crearlos."}
          </p>
          {page.canManage ? (
            <Form method="post" action={formAction} className="button-row">
              <input type="hidden" name="intent" value="generate" />
              <button type="submit" className="button" disabled={Boolean(busy)}>
                Crear los periodos faltantes
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}

      <p className="muted">
        {page.year}: {formatCount(all.length, "periodo", "periodos")}, {formatCount(all.length - closedCount, "abierto", "abiertos")} y{" "}
        {formatCount(closedCount, "cerrado", "cerrados")}.
      </p>

      {page.groups.map((group) => {
        const headingId = `periodicidad-${group.periodicity}`;
        const indicatorCount = group.periods[0]?.indicatorCount ?? 0;
        return (
          <section key={group.periodicity} aria-labelledby={headingId} className="period-group">
            <h2 id={headingId}>
              {group.label} <span className="period-group__count">({formatCount(indicatorCount, "indicador", "indicadores")})</span>
            </h2>
            {group.periods.length === 0 ? (
              <p className="muted">Este año no tiene periodos {group.label.toLowerCase()}es.</p>
            ) : (
              <div className="table-wrap" role="region" aria-labelledby={headingId} tabIndex={0}>
                <table className="table period-table">
                  <thead>
                    <tr>
                      <th scope="col">Periodo</th>
                      <th scope="col">Estado</th>
                      <th scope="col" className="numeric">
                        Borrador
                      </th>
                      <th scope="col" className="numeric">
                        Enviado
                      </th>
                      <th scope="col" className="numeric">
                        Aprobado
                      </th>
                      <th scope="col" className="numeric">
                        Devuelto
                      </th>
                      <th scope="col" className="numeric">
                        Sin medición
                      </th>
                      {page.canManage ? <th scope="col">Acciones</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {group.periods.map((period) => {
                      const closed = period.status === "closed";
                      const pendingHere = confirming?.period.id === period.id;
                      return (
                        <tr key={period.id} className={pendingHere ? "period-row--pending" : undefined}>
                          <th scope="row" className="period-table__name">
                            {period.label}
                            {period.current ? <span className="tag period-tag--current">En curso</span> : null}
                            <span className="period-table__dates">
                              {formatIsoDate(period.startDate)} al {formatIsoDate(period.endDate)}
                            </span>
                          </th>
                          <td>
                            <span className={`period-status period-status--${period.status}`}>
                              <LockIcon closed={closed} />
                              {closed ? "Cerrado" : "Abierto"}
                            </span>
                            {closed && (period.closedByName || period.closedAtText) ? (
                              <span className="period-status__who">
                                {period.closedByName ? `por ${period.closedByName}` : null}
                                {period.closedByName && period.closedAtText ? ", " : null}
                                {period.closedAtText}
                              </span>
                            ) : null}
                          </td>
                          <CountCell n={period.counts.draft} />
                          <CountCell n={period.counts.submitted} />
                          <CountCell n={period.counts.approved} />
                          <CountCell n={period.counts.returned} />
                          <CountCell n={period.counts.missing} />
                          {page.canManage ? (
                            <td>
                              <Form method="post" action={formAction}>
                                <input type="hidden" name="intent" value={closed ? "reopen" : "close"} />
                                <input type="hidden" name="periodId" value={period.id} />
                                <button type="submit" className="button button--small" disabled={Boolean(busy)}>
                                  {closed ? "Reabrir" : "Cerrar"}
                                  <span className="visually-hidden"> {period.label}</span>
                                </button>
                              </Form>
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
    </>
  );
}

function CountCell({ n }: { n: number }) {
  return <td className={`numeric${n === 0 ? " period-table__zero" : ""}`}>{formatInteger(n)}</td>;
}
