import { formatPercent } from "~/domain/format";

interface Point {
  label: string;
  score: number | null;
}

/** A small trend line of scores (0–100 %), with the same figures as text for screen readers. */
export function Sparkline({ points, color = "#0f69c4" }: { points: readonly Point[]; color?: string }) {
  const width = 120;
  const height = 32;
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  const y = (score: number) => height - 2 - Math.min(1, Math.max(0, score)) * (height - 4);
  const coords = points.map((point, index) => (point.score == null ? null : { x: index * step, y: y(point.score) }));
  const path = coords
    .map((coord, index) => (coord ? `${index === 0 || !coords[index - 1] ? "M" : "L"}${coord.x.toFixed(1)},${coord.y.toFixed(1)}` : ""))
    .join(" ");
  const text = points.map((point) => `${point.label}: ${formatPercent(point.score == null ? null : point.score * 100)}`).join("; ");
  return (
    <span className="sparkline">
      <svg width={width} height={height} viewBox={`-2 0 ${width + 4} ${height}`} aria-hidden="true" focusable="false">
        <path d={path} fill="none" stroke={color} strokeWidth="2" />
        {coords.map((coord, index) => (coord ? <circle key={index} cx={coord.x} cy={coord.y} r="2.5" fill={color} /> : null))}
      </svg>
      <span className="visually-hidden">Tendencia: {text}</span>
    </span>
  );
}
