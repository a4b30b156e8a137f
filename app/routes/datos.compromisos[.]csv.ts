import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAppDb } from "~/db.server";
import { openDataResponse } from "~/services/open-data.server";

/** Public open data (no sign-in): /datos/compromisos.csv, published commitments only, progress as of today. */
export const loader = ({ request }: LoaderFunctionArgs) => openDataResponse(getAppDb().db, "compromisos", "csv", request);
