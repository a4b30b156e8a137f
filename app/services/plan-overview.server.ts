import { findCurrentPlan } from "../../db/queries/plans";
import { getAppDb } from "../db.server";

export type CurrentPlan = NonNullable<Awaited<ReturnType<typeof findCurrentPlan>>>;

/** The plan named in the header of every page, or null while the database holds no plan. */
export async function getCurrentPlan(): Promise<CurrentPlan | null> {
  const { db } = getAppDb();
  return (await findCurrentPlan(db, process.env.PLAN_CODE)) ?? null;
}
