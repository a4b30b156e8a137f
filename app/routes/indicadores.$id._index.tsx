import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireServiceContext } from "~/auth/session.server";
import { NumberField } from "~/components/fields";
import { IndicatorChart, type ChartPoint } from "~/components/IndicatorChart";
import { StatusBadge } from "~/components/IndicatorStatus";
import { formatInteger, formatPercent } from "~/domain/format";
import {
  AGGREGATION_LABELS,
  DIRECTION_LABELS,
  formatIndicatorValue,
  INDICATOR_FIELD_LABELS,
  KIND_LABELS,
  MEASUREMENT_STATE_LABELS,
  numberForInput,
  PERIODICITY_LABELS,
  SCORING_METHOD_LABELS,
  targetField,
} from "~/domain/schemas/indicators";
import { issueFor } from "~/domain/validation";
import { failureResponse, rethrowAsResponse, requireIdParam } from "~/http/responses.server";
import { getIndicatorDetail, type DetailPeriod } from "~/services/indicator-detail.server";
import { setTargets } from "~/services/targets.server";
import styles from "~/styles/indicators.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `${loaded.indicator.code} · Indicadores · GORE RMS` : "Indicador · GORE RMS" },
];


export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const id = requireIdParam(params.id, "El indicador no existe.");
  const url = new URL(request.url);
  try {
    const detail = await getIndicatorDetail(ctx, id, url.searchParams.get("anio"));
    return { ...detail, created: url.searchParams.get("creado") === "1" };
  } catch (error) {
    return rethrowAsResponse(error);
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const id = requireIdParam(params.id, "El indicador no existe.");
  const form = await request.formData();
  if (form.get("intent") !== "targets") throw new Response("Acción desconocida.", { status: 400 });
  const values: Record<string, string> = {};
  const entries: { periodId: string; value: string }[] = [];
  for (const [name, value] of form.entries()) {
    const match = /^target-(\d{1,10})$/.exec(name);
    if (match && typeof value === "string") {
      values[name] = value;
      entries.push({ periodId: match[1], value });
    }
  }
  try {
    const saved = await setTargets(ctx, id, entries);
    return {
      ok: true as const,
      message:
        saved === 0 ? "No había cambios que guardar." : `Se ${saved === 1 ? "guardó 1 meta" : `guardaron ${saved} metas`}.`,
      issues: [],
      values: null as Record<string, string> | null,
    };
  } catch (error) {
    const failure = failureResponse(error);
    return data({ ...failure.data, values }, failure.init ?? undefined);
  }
}

const MONTHS = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"];

function shortLabel(periodicity: string, number: number, year: number): string {
  switch (periodicity) {
    case "monthly":
      return MONTHS[number - 1];
    case "quarterly":
      return `T${number}`;
    case "semiannual":
      return `S${number}`;
    default:
      return String(year);
  }
}

const clockParts = new Intl.DateTimeFormat("es-CL", {
  timeZone: "America/Santiago",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** "25-11-2025 14:03", Santiago time: built from parts so that server and browser agree. */
function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "—";
  const parts = Object.fromEntries(clockParts.formatToParts(new Date(value)).map((part) => [part.type, part.value]));
  return `${parts.day}-${parts.month}-${parts.year} ${parts.hour}:${parts.minute}`;
}

const yesNo = (value: boolean) => (value ? "Sí" : "No");

const ACTION_LABELS: Record<string, string> = {
  "indicator.create": "Creó el indicador",
  "indicator.update": "Modificó la definición",
  "indicator.archive": "Archivó el indicador",
  "indicator.unarchive": "Restauró el indicador",
  "target.set": "Fijó la meta",
  "measurement.save": "Guardó la medición",
  "measurement.save_closed_period": "Guardó la medición en un periodo cerrado",
  "measurement.submit": "Envió la medición a validación",
  "measurement.approve": "Aprobó la medición",
  "measurement.return": "Devolvió la medición",
};

/** Column names of the definition as the audit trail stores them, in Spanish. */
const COLUMN_LABELS: Record<string, string> = {
  objective_id: INDICATOR_FIELD_LABELS.objectiveId,
  code: INDICATOR_FIELD_LABELS.code,
  name: INDICATOR_FIELD_LABELS.name,
  description: INDICATOR_FIELD_LABELS.description,
  formula: INDICATOR_FIELD_LABELS.formula,
  kind: INDICATOR_FIELD_LABELS.kind,
  numerator_label: INDICATOR_FIELD_LABELS.numeratorLabel,
  denominator_label: INDICATOR_FIELD_LABELS.denominatorLabel,
  factor: INDICATOR_FIELD_LABELS.factor,
  unit_of_measure: INDICATOR_FIELD_LABELS.unitOfMeasure,
  direction: INDICATOR_FIELD_LABELS.direction,
  periodicity: INDICATOR_FIELD_LABELS.periodicity,
  aggregation: INDICATOR_FIELD_LABELS.aggregation,
  scoring_method: INDICATOR_FIELD_LABELS.scoringMethod,
  baseline_value: INDICATOR_FIELD_LABELS.baselineValue,
  baseline_year: INDICATOR_FIELD_LABELS.baselineYear,
  weight: INDICATOR_FIELD_LABELS.weight,
  responsible_unit_id: INDICATOR_FIELD_LABELS.responsibleUnitId,
  data_source: INDICATOR_FIELD_LABELS.dataSource,
  verification_means: INDICATOR_FIELD_LABELS.verificationMeans,
  axis_ids: INDICATOR_FIELD_LABELS.axisIds,
  sex_disaggregated: INDICATOR_FIELD_LABELS.sexDisaggregated,
  is_published: INDICATOR_FIELD_LABELS.isPublished,
  value: "Valor",
  state: "Estado",
  numerator: "Numerador",
  denominator: "Denominador",
};

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function shortValue(value: unknown): string {
  if (value == null) return "—";
  if (typeof value === "number") return new Intl.NumberFormat("es-CL", { maximumFractionDigits: 4 }).format(value);
  if (typeof value === "boolean") return yesNo(value);
  if (typeof value === "string" && value in MEASUREMENT_STATE_LABELS)
    return MEASUREMENT_STATE_LABELS[value as keyof typeof MEASUREMENT_STATE_LABELS];
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

const ENUM_LABELS: Record<string, Record<string, string>> = {
  kind: KIND_LABELS,
  direction: DIRECTION_LABELS,
  periodicity: PERIODICITY_LABELS,
  aggregation: AGGREGATION_LABELS,
  scoring_method: { ratio: "Razón", baseline: "Desde la línea base" },
};

const columnValue = (key: string, value: unknown) =>
  typeof value === "string" && ENUM_LABELS[key]?.[value] ? ENUM_LABELS[key][value] : shortValue(value);

/** What changed, in a line: "Meta 2025-03: 12 → 14", "Nombre, Ponderación". */
function describeChange(event: {
  entity_type: string;
  action: string;
  before: unknown;
  after: unknown;
  periodKey: string | null;
}): string {
  const before = record(event.before);
  const after = record(event.after);
  if (event.entity_type === "target") {
    return `Meta ${event.periodKey ?? ""}: ${shortValue(before.value)} → ${shortValue(after.value)}`;
  }
  if (event.entity_type === "measurement") {
    const parts = [`Medición ${event.periodKey ?? ""}`];
    if ("value" in after && before.value !== after.value)
      parts.push(`valor ${shortValue(before.value)} → ${shortValue(after.value)}`);
    if ("state" in after && before.state !== after.state) parts.push(`${shortValue(before.state)} → ${shortValue(after.state)}`);
    return parts.join(" · ");
  }
  if (event.action === "indicator.update") {
    const changed = Object.keys(COLUMN_LABELS).filter(
      (key) => key in after && JSON.stringify(before[key]) !== JSON.stringify(after[key])
    );
    if (changed.length === 0) return "Sin cambios";
    // A few changes with their values; many, by name only.
    if (changed.length <= 3 && !changed.some((key) => key.endsWith("_id") || key === "axis_ids")) {
      return changed
        .map((key) => `${COLUMN_LABELS[key]}: ${columnValue(key, before[key])} → ${columnValue(key, after[key])}`)
        .join("; ");
    }
    return `Cambió: ${changed.map((key) => COLUMN_LABELS[key]).join(", ")}`;
  }
  if (event.action === "indicator.create") return `Código ${shortValue(after.code)}`;
  return "";
}

export default function Indicador() {
  const detail = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "targets";
  const { indicator, periods, selectedYear, latest, annual, canEdit, canEditClosed } = detail;
  const unit = indicator.unit_of_measure;
  const value = (number: number | null | undefined) => formatIndicatorValue(number, unit);
  const isRatio = indicator.kind === "ratio";
  const gapUnit = unit.trim() === "%" ? "pp" : unit;
  const signed = (number: number | null) =>
    number == null ? "—" : `${number > 0 ? "+" : number < 0 ? "−" : ""}${formatIndicatorValue(Math.abs(number), gapUnit)}`;

  const chartPoints: ChartPoint[] = periods.map((period) => ({
    key: period.key,
    label: shortLabel(indicator.periodicity, period.number, period.year),
    actual: period.measurement?.value ?? null,
    validated: period.measurement?.state === "approved",
    target: period.target,
    women: period.measurement?.women ?? null,
    men: period.measurement?.men ?? null,
  }));
  const reported = periods.filter((period) => period.measurement?.value != null).length;
  const chartDescription =
    `${indicator.code}, ${PERIODICITY_LABELS[indicator.periodicity].toLowerCase()}, ${selectedYear ?? ""}: ` +
    `${reported} de ${periods.length} periodos con valor reportado. ` +
    (latest.periodKey
      ? `Último valor aprobado: ${value(latest.actual)} en ${latest.periodKey}, frente a una meta de ${value(latest.target)}.`
      : "Sin valores aprobados con meta.");

  const targetIssues = result && !result.ok ? result.issues : undefined;
  const targetValues = result && !result.ok ? result.values : null;

  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to="/indicadores">Indicadores</Link> · {indicator.pillar_name} · {indicator.objective_code}
        </p>
        <h1>
          {indicator.code} · {indicator.name}
        </h1>
        {indicator.description ? <p className="page-header__lead">{indicator.description}</p> : null}
        <div className="indicator-summary">
          <StatusBadge status={latest.status} detail={latest.compliance != null ? formatPercent(latest.compliance) : undefined} />
          <p>
            {latest.periodKey ? (
              <>
                Último valor aprobado: <strong>{value(latest.actual)}</strong> frente a la meta de {value(latest.target)} (
                {latest.periodKey})
              </>
            ) : (
              <span className="muted">Sin valores aprobados con meta.</span>
            )}
          </p>
          {indicator.archived_at ? <span className="tag tag--inactive">Archivado</span> : null}
          {indicator.is_published ? <span className="tag">Publicado en transparencia</span> : null}
          {canEdit ? (
            <Link to="editar" className="button">
              Editar definición
            </Link>
          ) : null}
        </div>
        <nav aria-label="En esta página">
          <ul className="page-toc">
            <li>
              <a href="#resultados">Resultados</a>
            </li>
            <li>
              <a href="#mediciones">Mediciones</a>
            </li>
            <li>
              <a href="#metas">Metas</a>
            </li>
            <li>
              <a href="#definicion">Definición</a>
            </li>
            <li>
              <a href="#comentarios">Comentarios</a>
            </li>
            <li>
              <a href="#historial">Historial</a>
            </li>
          </ul>
        </nav>
      </header>

      {detail.created ? (
        <p className="alert alert--success" role="status">
          Indicador creado. Ahora puede fijar sus metas por periodo.
        </p>
      ) : null}

      <section className="card indicator-section" id="resultados" aria-labelledby="resultados-title">
        <h2 id="resultados-title">Resultados {selectedYear ?? ""}</h2>
        {detail.years.length > 1 ? (
          <nav className="year-nav" aria-label="Año">
            <span className="muted">Año:</span>
            <ul>
              {detail.years.map((year) => (
                <li key={year}>
                  <Link
                    to={`?anio=${year}#resultados`}
                    aria-current={year === selectedYear ? "page" : undefined}
                    preventScrollReset
                  >
                    {year}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <IndicatorChart
          id={`grafico-${selectedYear ?? "sin-anio"}`}
          title={`${indicator.code}: valor medido y meta por periodo, ${selectedYear ?? ""}`}
          description={chartDescription}
          points={chartPoints}
          unit={unit}
        />
        <dl className="figures">
          <div>
            <dt>Meta anual ({AGGREGATION_LABELS[indicator.aggregation].toLowerCase()})</dt>
            <dd>
              {value(annual.target.value)}
              <small>
                {annual.target.counted} de {annual.target.expected} periodos con meta
              </small>
            </dd>
          </div>
          <div>
            <dt>Valor del año a la fecha (aprobado)</dt>
            <dd>
              {value(annual.actual.value)}
              <small>
                {annual.actual.counted} de {annual.actual.expected} periodos aprobados con meta
              </small>
            </dd>
          </div>
          <div>
            <dt>Meta a la fecha</dt>
            <dd>
              {value(annual.targetToDate.value)}
              <small>de los mismos periodos</small>
            </dd>
          </div>
          <div>
            <dt>Cumplimiento a la fecha</dt>
            <dd>
              {annual.status ? (
                <StatusBadge
                  status={annual.status}
                  detail={annual.compliance != null ? formatPercent(annual.compliance) : undefined}
                />
              ) : (
                "—"
              )}
            </dd>
          </div>
        </dl>
      </section>

      <section className="indicator-section" id="mediciones" aria-labelledby="mediciones-title">
        <h2 id="mediciones-title">Mediciones {selectedYear ?? ""}</h2>
        <MeasurementsTable
          periods={periods}
          isRatio={isRatio}
          sexDisaggregated={indicator.sex_disaggregated}
          value={value}
          signed={signed}
        />
      </section>

      <section className="card indicator-section" id="metas" aria-labelledby="metas-title">
        <h2 id="metas-title">Metas {selectedYear ?? ""}</h2>
        <p>
          Meta anual ({AGGREGATION_LABELS[indicator.aggregation].toLowerCase()}): <strong>{value(annual.target.value)}</strong>{" "}
          <span className="muted">
            · {annual.target.counted} de {annual.target.expected} periodos con meta
          </span>
        </p>
        {result ? (
          <p className={`alert ${result.ok ? "alert--success" : "alert--error"}`} role={result.ok ? "status" : "alert"}>
            {result.message}
          </p>
        ) : null}
        {canEdit && !indicator.archived_at ? (
          <Form
            method="post"
            className="form target-form"
            noValidate
            preventScrollReset
            key={periods.map((period) => `${period.periodId}:${period.target}`).join("|")}
          >
            <input type="hidden" name="intent" value="targets" />
            <p className="muted" id="targets-help">
              Escriba la meta de cada periodo (admite 1.234,5). Un campo vacío no cambia la meta.
              {canEditClosed ? "" : " Los periodos cerrados solo los puede modificar administración."}
            </p>
            <div className="form-grid">
              {periods.map((period) => {
                const locked = period.periodStatus === "closed" && !canEditClosed;
                const name = targetField(period.periodId);
                return (
                  <NumberField
                    key={period.periodId}
                    name={name}
                    label={`Meta ${period.key}`}
                    hint={period.periodStatus === "closed" ? "Periodo cerrado" : "Periodo abierto"}
                    defaultValue={targetValues?.[name] ?? numberForInput(period.target)}
                    disabled={locked}
                    error={issueFor(targetIssues, name)}
                  />
                );
              })}
            </div>
            <div className="button-row">
              <button type="submit" className="button button--primary" disabled={saving}>
                {saving ? "Guardando…" : "Guardar metas"}
              </button>
            </div>
          </Form>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Metas por periodo, {selectedYear ?? ""}</caption>
              <thead>
                <tr>
                  <th scope="col">Periodo</th>
                  <th scope="col" className="numeric">
                    Meta
                  </th>
                  <th scope="col">Estado del periodo</th>
                </tr>
              </thead>
              <tbody>
                {periods.map((period) => (
                  <tr key={period.periodId}>
                    <th scope="row">{period.key}</th>
                    <td className="numeric">{value(period.target)}</td>
                    <td>{period.periodStatus === "open" ? "Abierto" : "Cerrado"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card indicator-section" id="definicion" aria-labelledby="definicion-title">
        <h2 id="definicion-title">Definición</h2>
        <dl className="definition">
          <dt>Código</dt>
          <dd>{indicator.code}</dd>
          <dt>Nombre</dt>
          <dd>{indicator.name}</dd>
          <dt>Descripción</dt>
          <dd>{indicator.description ?? "—"}</dd>
          <dt>Pilar</dt>
          <dd>{indicator.pillar_name}</dd>
          <dt>Objetivo estratégico</dt>
          <dd>
            {indicator.objective_code} · {indicator.objective_title}
          </dd>
          <dt>Tipo de indicador</dt>
          <dd>{KIND_LABELS[indicator.kind]}</dd>
          {isRatio ? (
            <>
              <dt>Numerador</dt>
              <dd>{indicator.numerator_label ?? "—"}</dd>
              <dt>Denominador</dt>
              <dd>{indicator.denominator_label ?? "—"}</dd>
              <dt>Factor</dt>
              <dd>{formatIndicatorValue(indicator.factor, "", 4)}</dd>
            </>
          ) : null}
          <dt>Fórmula de cálculo</dt>
          <dd>{indicator.formula ?? "—"}</dd>
          <dt>Unidad de medida</dt>
          <dd>{unit}</dd>
          <dt>Sentido esperado</dt>
          <dd>{DIRECTION_LABELS[indicator.direction]}</dd>
          <dt>Periodicidad</dt>
          <dd>{PERIODICITY_LABELS[indicator.periodicity]}</dd>
          <dt>Agregación anual</dt>
          <dd>{AGGREGATION_LABELS[indicator.aggregation]}</dd>
          <dt>¿Cómo se calcula el cumplimiento?</dt>
          <dd>{SCORING_METHOD_LABELS[indicator.scoring_method]}</dd>
          <dt>Línea base</dt>
          <dd>
            {indicator.baseline_value == null
              ? "—"
              : `${value(indicator.baseline_value)}${indicator.baseline_year ? ` (${indicator.baseline_year})` : ""}`}
          </dd>
          <dt>Ponderación en el objetivo</dt>
          <dd>{formatIndicatorValue(indicator.weight, "", 3)}</dd>
          <dt>Unidad responsable</dt>
          <dd>{indicator.unit_name}</dd>
          <dt>Fuente de datos</dt>
          <dd>{indicator.data_source ?? "—"}</dd>
          <dt>Medio de verificación</dt>
          <dd>{indicator.verification_means ?? "—"}</dd>
          <dt>Ejes transversales</dt>
          <dd>{indicator.axes.length > 0 ? indicator.axes.map((axis) => axis.name).join(", ") : "—"}</dd>
          <dt>Desagregado por sexo</dt>
          <dd>{yesNo(indicator.sex_disaggregated)}</dd>
          <dt>Publicado en transparencia</dt>
          <dd>{yesNo(indicator.is_published)}</dd>
          <dt>Umbrales del semáforo</dt>
          <dd>
            Cumplido desde {formatPercent(detail.thresholds.green)}; en riesgo desde {formatPercent(detail.thresholds.yellow)}
          </dd>
        </dl>
      </section>

      <section className="indicator-section" id="comentarios" aria-labelledby="comentarios-title">
        <h2 id="comentarios-title">Comentarios</h2>
        {detail.comments.length === 0 ? (
          <p className="muted">No hay comentarios sobre este indicador ni sus mediciones.</p>
        ) : (
          <ul className="comment-list">
            {detail.comments.map((comment) => (
              <li key={comment.id}>
                <p>{comment.body}</p>
                <p className="muted">
                  <small>
                    {comment.author_name} · {formatDateTime(comment.created_at)}
                    {comment.period_key ? ` · sobre la medición ${comment.period_key}` : ""}
                  </small>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="indicator-section" id="historial" aria-labelledby="historial-title">
        <h2 id="historial-title">Historial de cambios</h2>
        {detail.audit.length === 0 ? (
          <p className="muted">Sin cambios registrados.</p>
        ) : (
          <>
            <p className="muted" id="historial-note">
              {detail.audit.length === 1
                ? "El único cambio registrado"
                : `Los ${formatInteger(detail.audit.length)} cambios más recientes`}{" "}
              del indicador, sus metas y sus mediciones, en hora de Santiago.
            </p>
            <div
              className="table-wrap"
              role="region"
              aria-labelledby="historial-title"
              aria-describedby="historial-note"
              tabIndex={0}
            >
              <table className="table history-table">
                <thead>
                  <tr>
                    <th scope="col">Fecha y hora</th>
                    <th scope="col">Usuario</th>
                    <th scope="col">Acción</th>
                    <th scope="col">Detalle</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.audit.map((event) => (
                    <tr key={`${event.id}-${event.entity_id}`}>
                      <td style={{ whiteSpace: "nowrap" }}>{formatDateTime(event.occurred_at)}</td>
                      <td>{event.user_name ?? "Sistema"}</td>
                      <td>{ACTION_LABELS[event.action] ?? event.action}</td>
                      <td>{describeChange(event)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}

const signedPercent = (number: number) => `${number > 0 ? "+" : number < 0 ? "−" : ""}${formatPercent(Math.abs(number))}`;

function MeasurementsTable(props: {
  periods: DetailPeriod[];
  isRatio: boolean;
  sexDisaggregated: boolean;
  value: (number: number | null | undefined) => string;
  signed: (number: number | null) => string;
}) {
  const { periods, isRatio, sexDisaggregated, value, signed } = props;
  if (periods.length === 0) return <p className="muted">El plan no tiene periodos para este indicador.</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby="mediciones-title" tabIndex={0}>
      <table className="table measurement-table">
        <thead>
          <tr>
            <th scope="col">Periodo</th>
            <th scope="col" className="numeric">
              {isRatio ? "Valor (numerador / denominador)" : "Valor"}
            </th>
            <th scope="col" className="numeric">
              Meta
            </th>
            <th scope="col" className="numeric">
              Cumplimiento
            </th>
            {sexDisaggregated ? (
              <>
                <th scope="col" className="numeric">
                  Mujeres
                </th>
                <th scope="col" className="numeric">
                  Hombres
                </th>
                <th scope="col" className="numeric">
                  Brecha (M − H)
                </th>
              </>
            ) : null}
            <th scope="col">Estado</th>
            <th scope="col">Observaciones</th>
            <th scope="col">Medio de verificación</th>
            <th scope="col" className="measurement-table__who">
              Reportado por
            </th>
          </tr>
        </thead>
        <tbody>
          {periods.map((period) => {
            const m = period.measurement;
            return (
              <tr key={period.periodId}>
                <th scope="row">{period.key}</th>
                <td className="numeric">
                  {m ? (
                    <>
                      {value(m.value)}
                      {isRatio ? (
                        <small>
                          {formatIndicatorValue(m.numerator, "")} / {formatIndicatorValue(m.denominator, "")}
                          {m.denominator === 0 ? " (denominador 0: sin valor)" : ""}
                        </small>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">Sin medición</span>
                  )}
                </td>
                <td className="numeric">{value(period.target)}</td>
                <td className="numeric">
                  {period.compliance != null ? (
                    formatPercent(period.compliance)
                  ) : m && m.state !== "approved" ? (
                    <small>no validado</small>
                  ) : (
                    "—"
                  )}
                </td>
                {sexDisaggregated ? (
                  <>
                    <td className="numeric">{m ? value(m.women) : "—"}</td>
                    <td className="numeric">{m ? value(m.men) : "—"}</td>
                    <td className="numeric">
                      {m && m.gap != null ? (
                        <>
                          {signed(m.gap)}
                          {m.gapShare != null ? <small>{signedPercent(m.gapShare)} del total</small> : null}
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                  </>
                ) : null}
                <td>
                  {m ? (
                    <span className={`tag measurement-state measurement-state--${m.state}`}>
                      {MEASUREMENT_STATE_LABELS[m.state]}
                    </span>
                  ) : (
                    "—"
                  )}
                </td>
                <td>
                  {m?.comment ? <span>{m.comment}</span> : null}
                  {m?.reviewNote ? (
                    <small>
                      <strong>Nota de revisión:</strong> {m.reviewNote}
                    </small>
                  ) : null}
                  {!m?.comment && !m?.reviewNote ? "—" : null}
                </td>
                <td>
                  {m?.evidenceUrl ? (
                    <a href={m.evidenceUrl} target="_blank" rel="noopener noreferrer">
                      Ver evidencia<span className="visually-hidden"> de {period.key} (se abre en otra pestaña)</span>
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="measurement-table__who">
                  {m ? (
                    <>
                      {m.reportedBy ?? "—"}
                      <small>{formatDateTime(m.reportedAt)}</small>
                      {m.reviewedBy ? (
                        <small>
                          Revisó {m.reviewedBy}, {formatDateTime(m.reviewedAt)}
                        </small>
                      ) : null}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
