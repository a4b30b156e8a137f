import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAppDb } from "~/db.server";
import { openDataResponse } from "~/services/open-data.server";

/** Public open data (no sign-in): /datos/indicadores.json, published items only; ?periodo= picks the cut-off. */
export const loader = ({ request }: LoaderFunctionArgs) => openDataResponse(getAppDb().db, "indicadores", "json", request);
