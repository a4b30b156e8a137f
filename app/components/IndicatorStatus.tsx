import type { ComplianceStatus } from "~/domain/compliance";
import { STATUS_LABELS } from "~/domain/compliance";

/** A shape for each status, so that it never depends on colour alone. */
const STATUS_ICONS: Record<ComplianceStatus, string> = {
  met: "✔",
  at_risk: "▲",
  not_met: "✖",
  no_data: "○",
};

/** The traffic light of an indicator: icon, word and colour together. */
export function StatusBadge({ status, detail }: { status: ComplianceStatus; detail?: string }) {
  return (
    <span className={`indicator-status indicator-status--${status}`}>
      <span className="indicator-status__icon" aria-hidden="true">
        {STATUS_ICONS[status]}
      </span>
      {STATUS_LABELS[status]}
      {detail ? <span className="indicator-status__detail"> · {detail}</span> : null}
    </span>
  );
}
