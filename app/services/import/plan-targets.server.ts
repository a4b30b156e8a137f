import { shown } from "../../domain/import-diff";
import { slotKey } from "../../domain/import-references";
import { decideTargetWrite } from "../../domain/permissions";
import type { ImportPlanner } from "./planner.server";

/** The Metas sheet: each target created or changed where the period still takes targets. */
export function planTargets(planner: ImportPlanner) {
  const existing = new Map(planner.facts.targets.map((target) => [slotKey(target.indicator_code, target.period_key), target.value]));
  for (const row of planner.input.targets) {
    const slot = planner.slot("targets", row);
    if (!slot) continue;
    const before = existing.get(slotKey(row.indicator, row.period));
    const key = `${row.indicator} · ${row.period}`;
    if (before === row.value) {
      planner.record("targets", row.row, key, "sin cambios", []);
      continue;
    }
    const decision = decideTargetWrite(planner.ctx.actor, { status: slot.period.status, key: slot.period.key });
    if (!decision.allowed) {
      planner.issue("targets", row.row, "value", decision.reason);
      continue;
    }
    planner.record("targets", row.row, key, before == null ? "crear" : "modificar", [`Meta: ${shown(before)} → ${shown(row.value)}`]);
    planner.writes.targets.push({ indicator_code: row.indicator, period_id: slot.period.id, value: row.value });
    planner.audits.push({
      entityType: "target",
      code: row.indicator,
      periodId: slot.period.id,
      before: before == null ? null : { value: before },
      after: { value: row.value, period_key: slot.period.key, period_status: slot.period.status },
    });
  }
}
