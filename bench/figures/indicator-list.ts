import type { Kysely } from "kysely";
import { listIndicatorPage } from "../../db/queries/indicator-list";
import type { Database } from "../../db/schema";
import { medianMs, round, type Figures } from "../support";

/** Issue 4: the indicator list's one query on the large plan answers in under 200 ms. */
export async function indicatorListFigures(db: Kysely<Database>, planId: number): Promise<Figures> {
  const firstPage = await medianMs(() => listIndicatorPage(db, { planId, limit: 50, offset: 0 }));
  const filtered = await medianMs(() => listIndicatorPage(db, { planId, status: "not_met", text: "indicador", limit: 50, offset: 100 }));
  return {
    "indicator list, page 1 (5,000 indicators)": { value: round(firstPage), unit: "ms", budget: 200 },
    "indicator list, status + text filter, page 3": { value: round(filtered), unit: "ms", budget: 200 },
  };
}
