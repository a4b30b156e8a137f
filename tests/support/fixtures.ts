import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

/** The smallest valid plan: one unit, pillar, objective, indicator, period and commitment. */
export async function insertMinimalPlan(db: Kysely<Database>, code = "TEST") {
  const unit = await db
    .insertInto("units")
    .values({ code: `${code}-U`, name: "Unidad de prueba" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const plan = await db
    .insertInto("plans")
    .values({ code, name: "Plan de prueba", start_year: 2024, end_year: 2025 })
    .returning("id")
    .executeTakeFirstOrThrow();
  const pillar = await db
    .insertInto("pillars")
    .values({ plan_id: plan.id, code: "M", name: "Modernización" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const objective = await db
    .insertInto("objectives")
    .values({ plan_id: plan.id, pillar_id: pillar.id, code: "OE-1", title: "Objetivo" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const indicator = await db
    .insertInto("indicators")
    .values({
      plan_id: plan.id,
      objective_id: objective.id,
      code: "IND-1",
      name: "Indicador",
      kind: "value",
      direction: "increase",
      periodicity: "monthly",
      aggregation: "sum",
      responsible_unit_id: unit.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const period = await db
    .insertInto("periods")
    .values({
      plan_id: plan.id,
      key: "2024-01",
      periodicity: "monthly",
      year: 2024,
      number: 1,
      start_date: "2024-01-01",
      end_date: "2024-01-31",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const commitment = await db
    .insertInto("commitments")
    .values({
      plan_id: plan.id,
      pillar_id: pillar.id,
      code: "C-01",
      title: "Compromiso",
      responsible_unit_id: unit.id,
      start_date: "2024-01-01",
      end_date: "2024-12-31",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return {
    unitId: unit.id,
    planId: plan.id,
    pillarId: pillar.id,
    objectiveId: objective.id,
    indicatorId: indicator.id,
    periodId: period.id,
    commitmentId: commitment.id,
  };
}
