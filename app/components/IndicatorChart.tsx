/**
 * Measured value against target, period by period, as an SVG drawn on the server: bars for the
 * value (solid when approved, hatched when not validated yet), a line with diamonds for the
 * target. It reads without JavaScript, and a screen reader gets the title, the description and
 * a data table instead of the drawing.
 */
export interface ChartPoint {
  key: string;
  /** Short label under the bar: "ene", "T1", "S2", "2025". */
  label: string;
  actual: number | null;
  /** Approved values are official; anything else is shown as not validated. */
  validated: boolean;
  target: number | null;
  /** Sex-disaggregated indicators: the value for women and for men. */
  women?: number | null;
  men?: number | null;
}

const WIDTH = 720;
const HEIGHT = 320;
const MARGIN = { top: 24, right: 16, bottom: 40, left: 72 };

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

function decimalsOf(step: number): number {
  if (step >= 1) return 0;
  return Math.min(4, Math.ceil(-Math.log10(step)));
}

const format = (value: number, digits: number) =>
  new Intl.NumberFormat("es-CL", { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(value);

export function IndicatorChart(props: {
  /** Unique on the page; used for ids inside the drawing (letters, digits and dashes only). */
  id: string;
  title: string;
  description: string;
  points: readonly ChartPoint[];
  unit: string;
  caption?: string;
}) {
  const { id, points, unit } = props;
  const values = points.flatMap((point) => [point.actual, point.target]).filter((value): value is number => value != null);
  if (values.length === 0) {
    return <p className="muted">No hay mediciones ni metas que graficar en este año.</p>;
  }

  let low = Math.min(0, ...values);
  let high = Math.max(0, ...values);
  if (high === low) high = low + 1;
  const step = niceStep((high - low) / 5);
  low = Math.floor(low / step) * step;
  high = Math.ceil(high / step) * step;
  const digits = Math.max(decimalsOf(step), 0);
  const ticks: number[] = [];
  for (let tick = low; tick <= high + step / 2; tick += step) ticks.push(Number(tick.toFixed(6)));

  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (value: number) => MARGIN.top + plotHeight - ((value - low) / (high - low)) * plotHeight;
  const band = plotWidth / points.length;
  const barWidth = Math.min(48, band * 0.56);
  const x = (index: number) => MARGIN.left + band * (index + 0.5);
  const zero = y(0);
  const hatch = `${id}-hatch`;

  // The target line breaks where a period has no target.
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((point, index) => {
    if (point.target == null) {
      if (current.length > 1) segments.push(current.join(" "));
      current = [];
    } else {
      current.push(`${x(index).toFixed(1)},${y(point.target).toFixed(1)}`);
    }
  });
  if (current.length > 1) segments.push(current.join(" "));

  const withUnit = (value: number) => `${format(value, 2)}${unit ? ` ${unit}` : ""}`;
  const bySex = points.some((point) => point.women != null || point.men != null);
  const gapUnit = unit.trim() === "%" ? "pp" : unit;
  const gapOf = (point: ChartPoint) =>
    point.women != null && point.men != null
      ? `${point.women - point.men > 0 ? "+" : point.women - point.men < 0 ? "−" : ""}${format(
          Math.abs(point.women - point.men),
          2
        )}${gapUnit ? ` ${gapUnit}` : ""}`
      : "—";

  return (
    <figure className="chart">
      <div className="chart__scroll">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
          <title id={`${id}-title`}>{props.title}</title>
          <desc id={`${id}-desc`}>{props.description}</desc>
          <defs>
            <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#dbe8f6" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#0f69c4" strokeWidth="2.5" />
            </pattern>
          </defs>
          <g fontSize="13" fill="#4a5561">
            {ticks.map((tick) => (
              <g key={tick}>
                <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#d4d9de" strokeWidth="1" />
                <text x={MARGIN.left - 8} y={y(tick) + 4} textAnchor="end">
                  {format(tick, digits)}
                </text>
              </g>
            ))}
            <text x={MARGIN.left - 8} y={12} textAnchor="end" fontWeight="600">
              {unit}
            </text>
          </g>
          <g>
            {points.map((point, index) =>
              point.actual == null ? null : (
                <rect
                  key={point.key}
                  x={x(index) - barWidth / 2}
                  y={Math.min(zero, y(point.actual))}
                  width={barWidth}
                  height={Math.max(1, Math.abs(zero - y(point.actual)))}
                  fill={point.validated ? "#0f69c4" : `url(#${hatch})`}
                  stroke="#0f69c4"
                  strokeWidth={point.validated ? 0 : 1.5}
                >
                  <title>
                    {`${point.key}: ${withUnit(point.actual)}${point.validated ? "" : " (no validado)"}` +
                      (point.women != null && point.men != null
                        ? ` · mujeres ${withUnit(point.women)}, hombres ${withUnit(point.men)}, brecha ${gapOf(point)}`
                        : "")}
                  </title>
                </rect>
              )
            )}
          </g>
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={zero} y2={zero} stroke="#1f2933" strokeWidth="1.5" />
          <g fill="none" stroke="#001c41" strokeWidth="2.5" strokeDasharray="7 4">
            {segments.map((segment) => (
              <polyline key={segment} points={segment} />
            ))}
          </g>
          <g fill="#e0701e" stroke="#001c41" strokeWidth="1.5">
            {points.map((point, index) =>
              point.target == null ? null : (
                <path key={point.key} d={`M ${x(index)} ${y(point.target) - 7} l 7 7 l -7 7 l -7 -7 z`}>
                  <title>{`Meta ${point.key}: ${withUnit(point.target)}`}</title>
                </path>
              )
            )}
          </g>
          <g fontSize="13" fill="#1f2933" textAnchor="middle">
            {points.map((point, index) => (
              <text key={point.key} x={x(index)} y={HEIGHT - MARGIN.bottom + 20}>
                {point.label}
              </text>
            ))}
          </g>
        </svg>
      </div>
      <ul className="chart__legend" aria-hidden="true">
        <li>
          <svg viewBox="0 0 22 16">
            <rect x="3" y="2" width="16" height="12" fill="#0f69c4" />
          </svg>
          Valor aprobado
        </li>
        <li>
          <svg viewBox="0 0 22 16">
            <rect x="3" y="2" width="16" height="12" fill={`url(#${hatch})`} stroke="#0f69c4" strokeWidth="1.5" />
          </svg>
          Valor reportado, no validado
        </li>
        <li>
          <svg viewBox="0 0 22 16">
            <line x1="0" y1="8" x2="22" y2="8" stroke="#001c41" strokeWidth="2.5" strokeDasharray="5 3" />
            <path d="M 11 2 l 6 6 l -6 6 l -6 -6 z" fill="#e0701e" stroke="#001c41" strokeWidth="1.2" />
          </svg>
          Meta
        </li>
      </ul>
      {props.caption ? <figcaption>{props.caption}</figcaption> : null}
      {/* A table ignores a 1px width, so the hiding box wraps it. */}
      <div className="visually-hidden">
        <table>
          <caption>Datos del gráfico: {props.title}</caption>
          <thead>
            <tr>
              <th scope="col">Periodo</th>
              <th scope="col">Valor</th>
              <th scope="col">Validación</th>
              <th scope="col">Meta</th>
              {bySex ? (
                <>
                  <th scope="col">Mujeres</th>
                  <th scope="col">Hombres</th>
                  <th scope="col">Brecha (mujeres − hombres)</th>
                </>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.key}>
                <th scope="row">{point.key}</th>
                <td>{point.actual == null ? "Sin valor" : withUnit(point.actual)}</td>
                <td>{point.actual == null ? "—" : point.validated ? "Aprobado" : "No validado"}</td>
                <td>{point.target == null ? "Sin meta" : withUnit(point.target)}</td>
                {bySex ? (
                  <>
                    <td>{point.women == null ? "—" : withUnit(point.women)}</td>
                    <td>{point.men == null ? "—" : withUnit(point.men)}</td>
                    <td>{gapOf(point)}</td>
                  </>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
