import type {
  Aggregation,
  Direction,
  IndicatorKind,
  MeasurementState,
  MilestoneState,
  Periodicity,
  ScoringMethod,
} from "../../db/schema";
import {
  commitmentProgress,
  isOverdue,
  rollup,
  scoreIndicatorRows,
  type IndicatorScore,
  type Rollup,
  type ScoringSettings,
  scoreAtCutoffs,
  type ExplainOption,
  type Status,
} from "./scoring";

/**
 * Builds the whole scorecard (plan -> pillars -> objectives -> indicators, axes, counts,
 * overdue milestones, trend) from plain rows. Pure: the service loads the rows, the dashboard,
 * the Excel report and the open data all render this same model.
 */

export interface ScorecardIndicatorRow {
  id: number;
  code: string;
  name: string;
  objective_id: number;
  kind: IndicatorKind;
  factor: number;
  direction: Direction;
  periodicity: Periodicity;
  aggregation: Aggregation;
  scoring_method: ScoringMethod;
  baseline_value: number | null;
  weight: number;
  unit_of_measure: string;
  responsible_unit_id: number;
  unit_name: string;
  is_published: boolean;
}

export interface ScorecardValueRow {
  indicator_id: number;
  period_key: string;
  end_date: string;
  target: number | null;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  state: MeasurementState | null;
}

export interface ScorecardInput {
  indicators: readonly ScorecardIndicatorRow[];
  /** Each indicator's rows, in period order. */
  valuesByIndicator: ReadonlyMap<number, readonly ScorecardValueRow[]>;
  objectives: readonly { id: number; pillar_id: number; code: string; title: string; weight: number }[];
  pillars: readonly { id: number; code: string; name: string; action_line: string | null; weight: number; color: string }[];
  axes: readonly { id: number; code: string; name: string; color: string; indicator_ids: number[] }[];
  milestones: readonly {
    id: number;
    commitment_id: number;
    commitment_code: string;
    commitment_title: string;
    pillar_id: number;
    title: string;
    due_date: string;
    weight: number;
    progress: number;
    state: MilestoneState;
  }[];
}

export interface ScoredIndicator extends IndicatorScore {
  id: number;
  code: string;
  name: string;
  weight: number;
  unitName: string;
  unitOfMeasure: string;
  direction: Direction;
  /** Some of the values that count are submitted, not yet approved. */
  includesUnvalidated: boolean;
  lastPeriodKey: string | null;
}

export interface ScoredObjective extends Rollup {
  id: number;
  code: string;
  title: string;
  weight: number;
  indicators: ScoredIndicator[];
}

export interface ScoredPillar extends Rollup {
  id: number;
  code: string;
  name: string;
  actionLine: string | null;
  color: string;
  weight: number;
  objectives: ScoredObjective[];
  trend: TrendPoint[];
}

export interface TrendPoint {
  cutoff: string;
  label: string;
  score: number | null;
}

export interface ScoredAxis extends Rollup {
  id: number;
  code: string;
  name: string;
  color: string;
  indicatorCount: number;
}

export interface OverdueMilestone {
  id: number;
  title: string;
  dueDate: string;
  progress: number;
  state: MilestoneState;
  commitmentCode: string;
  commitmentTitle: string;
}

export interface ScorecardModel {
  plan: Rollup & { trend: TrendPoint[] };
  pillars: ScoredPillar[];
  axes: ScoredAxis[];
  statusCounts: Record<Status, number>;
  indicatorCount: number;
  overdueMilestones: OverdueMilestone[];
  commitments: { count: number; averageProgress: number | null };
}

export interface Checkpoint {
  cutoff: string;
  label: string;
}

function scoreIndicators(
  input: ScorecardInput,
  valuesByIndicator: ReadonlyMap<number, readonly ScorecardValueRow[]>,
  settings: ScoringSettings,
  cutoff: string,
  explainObjective: (objectiveId: number) => boolean,
): ScoredIndicator[] {
  return input.indicators.map((indicator) => {
    const loaded = valuesByIndicator.get(indicator.id) ?? [];
    const rows = loaded.length > 0 && loaded[loaded.length - 1].end_date > cutoff ? loaded.filter((row) => row.end_date <= cutoff) : loaded;
    const score = scoreIndicatorRows(
      {
        kind: indicator.kind,
        factor: indicator.factor,
        aggregation: indicator.aggregation,
        direction: indicator.direction,
        scoringMethod: indicator.scoring_method,
        baselineValue: indicator.baseline_value,
      },
      rows,
      settings,
      { explain: explainObjective(indicator.objective_id) },
    );
    let includesUnvalidated = false;
    let lastPeriodKey: string | null = null;
    for (const row of rows) {
      if (row.state == null) continue;
      if (row.state === "submitted") includesUnvalidated = true;
      lastPeriodKey = row.period_key;
    }
    // Spelled out rather than spread: 5,000 spreads of a 14-field object cost the large plan ~20 ms.
    const scored: ScoredIndicator = {
      actual: score.actual,
      target: score.target,
      compliance: score.compliance,
      score: score.score,
      status: score.status,
      reportedPeriods: score.reportedPeriods,
      flags: score.flags,
      explanation: score.explanation,
      id: indicator.id,
      code: indicator.code,
      name: indicator.name,
      weight: indicator.weight,
      unitName: indicator.unit_name,
      unitOfMeasure: indicator.unit_of_measure,
      direction: indicator.direction,
      includesUnvalidated,
      lastPeriodKey,
    };
    return scored;
  });
}

function rollUpTree(input: ScorecardInput, indicators: ScoredIndicator[], settings: ScoringSettings, options: ExplainOption) {
  const objectiveOf = new Map(input.indicators.map((row) => [row.id, row.objective_id]));
  const indicatorsByObjective = new Map<number, ScoredIndicator[]>();
  for (const indicator of indicators) {
    const objectiveId = objectiveOf.get(indicator.id)!;
    const list = indicatorsByObjective.get(objectiveId);
    if (list) list.push(indicator);
    else indicatorsByObjective.set(objectiveId, [indicator]);
  }
  const pillars = input.pillars.map((pillar) => {
    const objectives: ScoredObjective[] = input.objectives
      .filter((objective) => objective.pillar_id === pillar.id)
      // With a unit or axis filter, an objective left without indicators is not part of the view.
      .filter((objective) => indicatorsByObjective.has(objective.id) || input.indicators.length === 0)
      .map((objective) => {
        const children = indicatorsByObjective.get(objective.id) ?? [];
        const result = rollup(
          children.map((child) => ({ label: child.code, weight: child.weight, score: child.score })),
          settings,
          options,
        );
        return { ...result, id: objective.id, code: objective.code, title: objective.title, weight: objective.weight, indicators: children };
      });
    const result = rollup(
      objectives.map((objective) => ({ label: objective.code, weight: objective.weight, score: objective.score })),
      settings,
      options,
    );
    return { pillar, objectives, result };
  });
  const plan = rollup(
    pillars.map(({ pillar, result }) => ({ label: pillar.name, weight: pillar.weight, score: result.score })),
    settings,
    options,
  );
  return { pillars, plan };
}

/**
 * The same rollups as `rollUpTree` over its tree at every trend checkpoint, each indicator's
 * scores taken from `scoresOf` (one per checkpoint): numbers only, no sentences, no new
 * indicator objects, one lookup per indicator for all checkpoints.
 */
function rollUpScores(
  tree: ReturnType<typeof rollUpTree>,
  scoresOf: (indicator: ScoredIndicator) => readonly (number | null)[],
  checkpointCount: number,
  settings: ScoringSettings,
): { plan: (number | null)[]; pillars: (number | null)[][] } {
  const quiet = { explain: false };
  const atEach = <T,>(items: readonly T[], weightOf: (item: T) => number, scoreAt: (item: T, checkpoint: number) => number | null) =>
    Array.from({ length: checkpointCount }, (_, checkpoint) =>
      rollup(
        items.map((item) => ({ label: "", weight: weightOf(item), score: scoreAt(item, checkpoint) })),
        settings,
        quiet,
      ).score,
    );
  const pillars = tree.pillars.map(({ objectives }) => {
    const objectiveScores = objectives.map((objective) => {
      const children = objective.indicators.map((indicator) => ({ weight: indicator.weight, scores: scoresOf(indicator) }));
      return { weight: objective.weight, scores: atEach(children, (child) => child.weight, (child, k) => child.scores[k]) };
    });
    return atEach(objectiveScores, (objective) => objective.weight, (objective, k) => objective.scores[k]);
  });
  const plan = atEach(
    tree.pillars.map(({ pillar }, index) => ({ weight: pillar.weight, scores: pillars[index] })),
    (pillar) => pillar.weight,
    (pillar, k) => pillar.scores[k],
  );
  return { plan, pillars };
}

export function buildScorecard(
  input: ScorecardInput,
  settings: ScoringSettings,
  options: {
    cutoff: string;
    today: string;
    checkpoints: readonly Checkpoint[];
    /** Which objectives' indicators get their "¿cómo se calcula?" sentences (default: all). */
    explainObjective?: (objectiveId: number) => boolean;
  },
): ScorecardModel {
  const valuesByIndicator = input.valuesByIndicator;
  const explainObjective = options.explainObjective ?? (() => true);
  const indicators = scoreIndicators(input, valuesByIndicator, settings, options.cutoff, explainObjective);
  const tree = rollUpTree(input, indicators, settings, { explain: true });

  // Trend: the same rule at the quarter ends of the year, each indicator's rows read once.
  const cutoffs = options.checkpoints.map((checkpoint) => checkpoint.cutoff);
  const trendScores = new Map<number, (number | null)[]>();
  for (const indicator of input.indicators) {
    trendScores.set(
      indicator.id,
      scoreAtCutoffs(
        {
          kind: indicator.kind,
          factor: indicator.factor,
          aggregation: indicator.aggregation,
          direction: indicator.direction,
          scoringMethod: indicator.scoring_method,
          baselineValue: indicator.baseline_value,
        },
        valuesByIndicator.get(indicator.id) ?? [],
        cutoffs,
        settings,
      ),
    );
  }
  const earlier = rollUpScores(tree, (indicator) => trendScores.get(indicator.id)!, options.checkpoints.length, settings);
  const planTrend: TrendPoint[] = options.checkpoints.map((checkpoint, k) => ({ ...checkpoint, score: earlier.plan[k] }));
  const trendByPillar = new Map<number, TrendPoint[]>(
    tree.pillars.map(({ pillar }, index) => [
      pillar.id,
      options.checkpoints.map((checkpoint, k) => ({ ...checkpoint, score: earlier.pillars[index][k] })),
    ]),
  );

  const byId = new Map(indicators.map((indicator) => [indicator.id, indicator]));
  const axes: ScoredAxis[] = input.axes.map((axis) => {
    const tagged = axis.indicator_ids.map((id) => byId.get(id)).filter((indicator): indicator is ScoredIndicator => !!indicator);
    const result = rollup(
      tagged.map((indicator) => ({ label: indicator.code, weight: indicator.weight, score: indicator.score })),
      settings,
    );
    return { ...result, id: axis.id, code: axis.code, name: axis.name, color: axis.color, indicatorCount: tagged.length };
  });

  const statusCounts: Record<Status, number> = { green: 0, yellow: 0, red: 0, none: 0 };
  for (const indicator of indicators) statusCounts[indicator.status] += 1;

  const overdueMilestones = input.milestones
    .filter((milestone) => isOverdue({ state: milestone.state, dueDate: milestone.due_date }, options.today))
    .map((milestone) => ({
      id: milestone.id,
      title: milestone.title,
      dueDate: milestone.due_date,
      progress: milestone.progress,
      state: milestone.state,
      commitmentCode: milestone.commitment_code,
      commitmentTitle: milestone.commitment_title,
    }));

  const milestonesByCommitment = new Map<number, ScorecardInput["milestones"][number][]>();
  for (const milestone of input.milestones) {
    const list = milestonesByCommitment.get(milestone.commitment_id);
    if (list) list.push(milestone);
    else milestonesByCommitment.set(milestone.commitment_id, [milestone]);
  }
  const progresses = [...milestonesByCommitment.values()]
    .map((milestones) =>
      commitmentProgress(
        milestones.map((m) => ({ label: m.title, weight: m.weight, progress: m.progress, state: m.state, dueDate: m.due_date })),
        options.today,
        { explain: false },
      ).progress,
    )
    .filter((progress): progress is number => progress != null);

  return {
    plan: { ...tree.plan, trend: planTrend },
    pillars: tree.pillars.map(({ pillar, objectives, result }) => ({
      ...result,
      id: pillar.id,
      code: pillar.code,
      name: pillar.name,
      actionLine: pillar.action_line,
      color: pillar.color,
      weight: pillar.weight,
      objectives,
      trend: trendByPillar.get(pillar.id) ?? [],
    })),
    axes,
    statusCounts,
    indicatorCount: indicators.length,
    overdueMilestones,
    commitments: {
      count: milestonesByCommitment.size,
      averageProgress: progresses.length > 0 ? progresses.reduce((a, b) => a + b, 0) / progresses.length : null,
    },
  };
}

/** Quarter ends of the cut-off's year up to the cut-off, and the cut-off itself: the trend's points. */
export function trendCheckpoints(year: number, cutoff: string): Checkpoint[] {
  const quarterEnds = [`${year}-03-31`, `${year}-06-30`, `${year}-09-30`, `${year}-12-31`];
  const points: Checkpoint[] = quarterEnds
    .filter((end) => end < cutoff)
    .map((end, index) => ({ cutoff: end, label: `T${index + 1} ${year}` }));
  points.push({ cutoff, label: "Periodo elegido" });
  return points;
}
