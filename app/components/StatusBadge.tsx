import type { Status } from "~/domain/scoring";
import { STATUS_LABELS } from "~/domain/scoring";

const ICONS: Record<Status, string> = { green: "✓", yellow: "!", red: "✕", none: "–" };

/** The semáforo: colour, icon and word together, never colour alone. */
export function StatusBadge({ status, compact = false }: { status: Status; compact?: boolean }) {
  return (
    <span className={`status status--${status}${compact ? " status--compact" : ""}`}>
      <span className="status__icon" aria-hidden="true">
        {ICONS[status]}
      </span>
      <span className="status__text">{STATUS_LABELS[status]}</span>
    </span>
  );
}
