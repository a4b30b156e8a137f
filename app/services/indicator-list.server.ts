import { listIndicatorFilterChoices, listIndicatorPage } from "../../db/queries/indicator-list";
import { COMPLIANCE_STATUSES, STATUS_SLUGS, type ComplianceStatus } from "../domain/compliance";
import { hasCapability } from "../domain/permissions";
import { type LIST_PARAM_KEYS, type IndicatorListParams } from "../domain/schemas/indicators";
import { requireCapability, type ServiceContext } from "./context.server";
import { requireCurrentPlan } from "./current-plan.server";

export const INDICATOR_PAGE_SIZE = 50;

const positiveId = (text: string | undefined) => {
  if (!text || !/^\d{1,10}$/.test(text.trim())) return undefined;
  const id = Number(text.trim());
  return id >= 1 && id <= 2_147_483_647 ? id : undefined;
};

const STATUS_BY_SLUG = new Map(COMPLIANCE_STATUSES.map((status) => [STATUS_SLUGS[status], status]));

/**
 * Reads the URL's filters leniently: a value that is not a valid choice is ignored (and
 * dropped from the echoed filters), so a stale link still shows a list.
 */
export function parseListParams(params: Partial<Record<(typeof LIST_PARAM_KEYS)[number], string | null>>) {
  const text = (params.q ?? "").trim().slice(0, 100);
  const status: ComplianceStatus | undefined = STATUS_BY_SLUG.get((params.estado ?? "").trim());
  const page = positiveId(params.pagina ?? undefined) ?? 1;
  const filter = {
    text: text || undefined,
    pillarId: positiveId(params.pilar ?? undefined),
    objectiveId: positiveId(params.objetivo ?? undefined),
    axisId: positiveId(params.eje ?? undefined),
    unitId: positiveId(params.unidad ?? undefined),
    status,
    includeArchived: ["1", "on", "true", "si"].includes((params.archivados ?? "").trim()),
  };
  const echo: IndicatorListParams = {
    q: text,
    pilar: filter.pillarId ? String(filter.pillarId) : "",
    objetivo: filter.objectiveId ? String(filter.objectiveId) : "",
    eje: filter.axisId ? String(filter.axisId) : "",
    unidad: filter.unitId ? String(filter.unitId) : "",
    estado: status ? STATUS_SLUGS[status] : "",
    archivados: filter.includeArchived ? "1" : "",
    pagina: page > 1 ? String(page) : "",
  };
  return { filter, page, echo };
}

/** The indicator list of the current plan: one page, the total and the filters' choices. */
export async function listIndicators(ctx: ServiceContext, params: Parameters<typeof parseListParams>[0]) {
  requireCapability(ctx, "plan.read");
  const plan = await requireCurrentPlan(ctx);
  const { filter, page, echo } = parseListParams(params);
  const rows = await listIndicatorPage(ctx.db, {
    ...filter,
    planId: plan.id,
    limit: INDICATOR_PAGE_SIZE,
    offset: (page - 1) * INDICATOR_PAGE_SIZE,
  });
  const choices = await listIndicatorFilterChoices(ctx.db, plan.id);
  const total = rows[0]?.total ?? 0;
  return {
    plan: { id: plan.id, name: plan.name, code: plan.code },
    rows,
    total,
    page,
    pageSize: INDICATOR_PAGE_SIZE,
    pageCount: Math.max(1, Math.ceil(total / INDICATOR_PAGE_SIZE)),
    /** Past the last page the query returns no row and therefore no total. */
    pastLastPage: rows.length === 0 && page > 1,
    filters: echo,
    choices,
    canCreate: hasCapability(ctx.actor.role, "plan.edit"),
  };
}
