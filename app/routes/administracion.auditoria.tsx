import { AUDIT_ACTION_LABELS, AUDIT_CHANGE_SET_LABELS, AUDIT_ENTITY_LABELS, AUDIT_FIELD_LABELS, AUDIT_STATE_LABELS } from "~/domain/audit-labels";
import { formatCount } from "~/domain/format";
import { formatCellNumber } from "~/domain/grid-values";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { forbidden, requireServiceContext } from "~/auth/session.server";
import { issueFor } from "~/domain/validation";
import { listAuditLog } from "~/services/audit-log.server";
import { ForbiddenError, ValidationError, type FieldIssue } from "~/services/errors";

export const meta: MetaFunction = () => [{ title: "Auditoría · Administración · GORE RMS" }];

const FILTER_KEYS = ["userId", "entityType", "from", "to"] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireServiceContext(request, context);
  const params = new URL(request.url).searchParams;
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? ""])) as Filters;
  const cursor = params.get("cursor") ?? "";
  try {
    const log = await listAuditLog(ctx, { ...filters, cursor });
    return { ...log, filters, paged: cursor !== "", issues: [] as FieldIssue[] };
  } catch (error) {
    if (error instanceof ForbiddenError) throw forbidden(error.message);
    if (error instanceof ValidationError) {
      // The form still needs its choices to let the person correct the filter.
      const { entityTypes, users } = await listAuditLog(ctx, {});
      return { events: [], nextCursor: null, entityTypes, users, filters, paged: cursor !== "", issues: error.issues };
    }
    throw error;
  }
}

const ENTITY_LABELS = AUDIT_ENTITY_LABELS;
const ACTION_LABELS = AUDIT_ACTION_LABELS;

const entityLabel = (code: string) => ENTITY_LABELS[code] ?? code;

const clockParts = new Intl.DateTimeFormat("es-CL", {
  timeZone: "America/Santiago",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** "25-11-2026 14:03:12", Santiago time: built from parts so server and browser print the same. */
function formatDateTime(value: Date | string): string {
  const parts = Object.fromEntries(clockParts.formatToParts(new Date(value)).map((part) => [part.type, part.value]));
  return `${parts.day}-${parts.month}-${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
}

// Wide enough that rows stay short on a phone; the wrapper scrolls sideways instead.
const TABLE_STYLE = { minWidth: "64rem" } as const;

const MAX_SHOWN_CHANGES = 4;
const MAX_VALUE_LENGTH = 40;

interface Change {
  key: string;
  before: string;
  after: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function asFields(value: unknown): Record<string, unknown> {
  if (value == null) return {};
  return isRecord(value) ? value : { valor: value };
}

function shortValue(value: unknown): string {
  if (value === undefined || value === null) return "—";
  const text = typeof value === "string" ? value : typeof value === "number" ? formatCellNumber(value) : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** Only the keys whose value differs, so a long record reduces to what actually changed. */
function changedFields(before: unknown, after: unknown): Change[] {
  const from = asFields(before);
  const to = asFields(after);
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  return keys
    .filter((key) => JSON.stringify(from[key]) !== JSON.stringify(to[key]))
    .map((key) => ({ key: AUDIT_FIELD_LABELS[key] ?? key, before: fieldValue(key, from[key]), after: fieldValue(key, to[key]) }));
}

/** A state code in Spanish; any other value shortened. */
function fieldValue(key: string, value: unknown): string {
  if ((key === "state" || key === "status") && typeof value === "string") return AUDIT_STATE_LABELS[value] ?? value;
  return shortValue(value);
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pageLink(filters: Filters, cursor?: string): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return query ? `?${query}` : ".";
}

export default function Auditoria() {
  const { events, nextCursor, entityTypes, users, filters, paged, issues } = useLoaderData<typeof loader>();
  const loading = useNavigation().state === "loading";
  const filtered = FILTER_KEYS.some((key) => filters[key] !== "");
  const formError = issues.length > 0 ? issueFor(issues, "cursor") ?? "Revise los filtros marcados." : null;
  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">
          <Link to="/administracion">Administración</Link>
        </p>
        <h1>Auditoría</h1>
        <p className="page-header__lead">
          Cada cambio registrado en el sistema, del más reciente al más antiguo, con quién lo hizo y los valores antes y después.
        </p>
      </header>

      <section className="card" aria-labelledby="filters-title">
        <h2 id="filters-title">
          Filtros
        </h2>
        {formError ? (
          <p className="alert alert--error" role="alert">
            {formError}
          </p>
        ) : null}
        <Form method="get" className="form" key={JSON.stringify(filters)}>
          <div className="form-grid">
            <SelectField name="userId" label="Usuario" defaultValue={filters.userId} error={issueFor(issues, "userId")}>
              <option value="">Todos</option>
              {users.map((user) => (
                <option key={user.id} value={String(user.id)}>
                  {user.name}
                  {user.is_active ? "" : " (inactivo)"}
                </option>
              ))}
            </SelectField>
            <SelectField
              name="entityType"
              label="Entidad"
              defaultValue={filters.entityType}
              error={issueFor(issues, "entityType")}
            >
              <option value="">Todas</option>
              {entityTypes.map((code) => (
                <option key={code} value={code}>
                  {entityLabel(code)}
                </option>
              ))}
            </SelectField>
            <DateField name="from" label="Desde" defaultValue={filters.from} error={issueFor(issues, "from")} />
            <DateField name="to" label="Hasta (inclusive)" defaultValue={filters.to} error={issueFor(issues, "to")} />
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary">
              Filtrar
            </button>
            {filtered ? (
              <Link to="." className="button">
                Quitar filtros
              </Link>
            ) : null}
          </div>
        </Form>
      </section>

      <section aria-labelledby="events-title" aria-busy={loading || undefined}>
        <h2 id="events-title">Eventos</h2>
        {issues.length > 0 ? (
          <p className="muted">Corrija los filtros para ver los eventos.</p>
        ) : events.length === 0 ? (
          <p className="muted" role="status">
            {paged ? "No hay más eventos." : "No hay eventos que coincidan con los filtros."}
          </p>
        ) : (
          <>
            <p className="muted" id="events-note">
              {paged ? "Continuación del registro" : "Eventos más recientes"}, en hora de Santiago; hasta 50 por página.
            </p>
            {/* Focusable so that a keyboard can scroll the table sideways on a narrow screen. */}
            <div className="table-wrap" role="region" aria-labelledby="events-title" aria-describedby="events-note" tabIndex={0}>
              <table className="table" style={TABLE_STYLE}>
                <thead>
                  <tr>
                    <th scope="col">Fecha y hora</th>
                    <th scope="col">Usuario</th>
                    <th scope="col">Acción</th>
                    <th scope="col">Entidad</th>
                    <th scope="col">Id</th>
                    <th scope="col">Cambios</th>
                    <th scope="col">Solicitud</th>
                  </tr>
                </thead>
                <tbody>
                  {events.map((event) => (
                    <tr key={event.id}>
                      <td style={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }}>
                        {formatDateTime(event.occurred_at)}
                      </td>
                      <td>{event.user_name ?? <span className="muted">Sistema</span>}</td>
                      <td>
                        {actionLabel(event.action, event.entity_count != null)}
                        {ACTION_LABELS[event.action] ? (
                          <>
                            <br />
                            <small className="muted">{event.action}</small>
                          </>
                        ) : null}
                      </td>
                      <td>{entityLabel(event.entity_type)}</td>
                      <td className="numeric">
                        {event.entity_count != null ? (
                          <>
                            {formatCount(event.entity_count, "registro", "registros")}
                            <br />
                            <small className="muted">
                              {(event.entity_sample ?? []).join(", ")}
                              {event.entity_count > (event.entity_sample?.length ?? 0) ? ", …" : ""}
                            </small>
                          </>
                        ) : (
                          event.entity_id ?? "—"
                        )}
                      </td>
                      <td style={{ minWidth: "16rem" }}>
                        {event.entity_count != null ? (
                          <ChangeSetChanges
                            count={event.entity_count}
                            ids={event.entity_sample ?? []}
                            before={event.before}
                            after={event.after}
                          />
                        ) : (
                          <Changes before={event.before} after={event.after} />
                        )}
                      </td>
                      <td>
                        <small className="muted" style={{ wordBreak: "break-all" }}>
                          {event.request_id ?? "—"}
                        </small>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {paged || nextCursor ? (
          <nav className="pager" aria-label="Páginas de la auditoría">
            {paged ? <Link to={pageLink(filters)}>« Volver al inicio</Link> : <span />}
            {nextCursor ? <Link to={pageLink(filters, nextCursor)}>Página siguiente »</Link> : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}

function actionLabel(action: string, changeSet: boolean): string {
  return (changeSet ? AUDIT_CHANGE_SET_LABELS[action] : undefined) ?? ACTION_LABELS[action] ?? action;
}

/**
 * A change set: its first records (all the page receives), each with the fields it changed,
 * and how many more the event holds.
 */
function ChangeSetChanges({ count, ids, before, after }: { count: number; ids: string[]; before: unknown; after: unknown }) {
  const from = asFields(before);
  const to = asFields(after);
  const hidden = count - ids.length;
  return (
    <>
      <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {ids.map((id) => {
          const changes = changedFields(withPreviousVersion(from[id], to[id]), to[id]);
          return (
            <li key={id}>
              <strong>{id}</strong>:{" "}
              {changes.length === 0
                ? "sin diferencias"
                : changes.map((change) => `${change.key}: ${change.before} → ${change.after}`).join("; ")}
            </li>
          );
        })}
        {hidden > 0 ? <li className="muted">y {formatCount(hidden, "registro más", "registros más")}</li> : null}
      </ul>
      <details>
        <summary>{hidden > 0 ? `Ver JSON de los primeros ${ids.length}` : "Ver JSON completo"}</summary>
        <pre style={JSON_STYLE}>{JSON.stringify({ antes: before ?? null, después: after ?? null }, null, 2)}</pre>
      </details>
    </>
  );
}

/** A change set keeps only the version a record gets; the one it had is that minus one. */
function withPreviousVersion(before: unknown, after: unknown): unknown {
  if (!isRecord(before) || !isRecord(after) || typeof after.version !== "number" || "version" in before) return before;
  return { ...before, version: after.version - 1 };
}

const JSON_STYLE = {
  margin: "var(--space-2) 0 0",
  fontSize: "0.8rem",
  whiteSpace: "pre-wrap",
  wordBreak: "break-word",
  maxWidth: "32rem",
} as const;

function Changes({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="muted">Sin detalle</span>;
  const changes = changedFields(before, after);
  const shown = changes.slice(0, MAX_SHOWN_CHANGES);
  const hidden = changes.length - shown.length;
  return (
    <>
      {changes.length === 0 ? (
        <span className="muted">Sin diferencias</span>
      ) : (
        <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {shown.map((change) => (
            <li key={change.key}>
              <strong>{change.key}</strong>: {change.before} → {change.after}
            </li>
          ))}
          {hidden > 0 ? (
            <li className="muted">
              y {hidden} {hidden === 1 ? "cambio más" : "cambios más"}
            </li>
          ) : null}
        </ul>
      )}
      <details>
        <summary>Ver JSON completo</summary>
        <pre style={JSON_STYLE}>{JSON.stringify({ antes: before ?? null, después: after ?? null }, null, 2)}</pre>
      </details>
    </>
  );
}

function SelectField(props: { name: string; label: string; defaultValue: string; error?: string; children: ReactNode }) {
  const errorId = props.error ? `${props.name}-error` : undefined;
  return (
    <div className={`field${props.error ? " field--invalid" : ""}`}>
      <label htmlFor={props.name}>{props.label}</label>
      <select
        id={props.name}
        name={props.name}
        defaultValue={props.defaultValue}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={errorId}
      >
        {props.children}
      </select>
      {props.error ? (
        <p id={errorId} className="field__error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

function DateField(props: { name: string; label: string; defaultValue: string; error?: string }) {
  const errorId = props.error ? `${props.name}-error` : undefined;
  return (
    <div className={`field${props.error ? " field--invalid" : ""}`}>
      <label htmlFor={props.name}>{props.label}</label>
      <input
        id={props.name}
        name={props.name}
        type="date"
        // A date input drops (and the console complains about) anything that is not a real day.
        defaultValue={isCalendarDate(props.defaultValue) ? props.defaultValue : ""}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={errorId}
      />
      {props.error ? (
        <p id={errorId} className="field__error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
