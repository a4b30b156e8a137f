import type { Kysely } from "kysely";
import { computeScorecard, settingsOf } from "../../app/services/scorecard.server";
import { findScoringSettings, listScorecardPeriods, loadScorecardData } from "../../db/queries/scorecard";
import type { Database } from "../../db/schema";
import { medianMs, round, type Figures, type SqlRecorder } from "../support";

/**
 * The whole large plan's scorecard against the raw SQL it runs (issue 5: < 300 ms, ratio < 2).
 * "Raw SQL" replays the recorded statements as the data path sends them (the year's periods
 * first, then the rest side by side), with nothing around them.
 */
export async function scorecardFigures(db: Kysely<Database>, planId: number, recorder: SqlRecorder): Promise<Figures> {
  const settings = settingsOf(await findScoringSettings(db, planId));
  const { period } = await computeScorecard(db, planId, settings, {});
  // As the dashboard asks for it: every score, trend included; sentences for the rollups only.
  const whole = await medianMs(() => computeScorecard(db, planId, settings, { periodKey: period.key, explainIndicators: "none" }));
  const statements = await recorder.record(async () => {
    await listScorecardPeriods(db, planId);
    await loadScorecardData(db, { planId, year: period.year, cutoff: period.end_date, states: ["approved"] });
  });
  const [periodList, yearPeriods, ...rest] = statements;
  const raw = await medianMs(async () => {
    await db.executeQuery(periodList);
    await db.executeQuery(yearPeriods);
    await Promise.all(rest.map((statement) => db.executeQuery(statement)));
  });
  return {
    "scorecard (whole large plan)": { value: round(whole), unit: "ms", budget: 300 },
    "scorecard raw SQL": { value: round(raw), unit: "ms", budget: 300 },
    "scorecard / raw SQL": { value: round(whole / raw, 2), unit: "x", budget: 2 },
  };
}
