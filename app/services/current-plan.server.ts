import { findCurrentPlan } from "../../db/queries/plans";
import type { ServiceContext } from "./context.server";
import { NotFoundError } from "./errors";

/** The plan every page works on (PLAN_CODE, else the first active plan created). */
export async function requireCurrentPlan(ctx: Pick<ServiceContext, "db">) {
  const plan = await findCurrentPlan(ctx.db, process.env.PLAN_CODE);
  if (!plan) throw new NotFoundError("Aún no hay un plan cargado.");
  return plan;
}
