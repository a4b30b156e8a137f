import { data } from "@remix-run/node";
import { parseIdParam } from "../domain/schemas/plan-structure";
import { isServiceError, TooManyAttemptsError, ValidationError, type FieldIssue } from "../services/errors";

export interface ActionFailure {
  ok: false;
  message: string;
  issues: FieldIssue[];
}

/**
 * Turns a service's refusal into what a form shows, with the right status; anything else is a
 * bug and goes on to the error boundary.
 */
export function failureResponse(error: unknown) {
  if (!isServiceError(error)) throw error;
  const issues = error instanceof ValidationError ? error.issues : [];
  const message =
    error instanceof ValidationError
      ? issues.length === 1 && issues[0].field === "_"
        ? issues[0].message
        : "Revise los campos marcados."
      : error.message;
  const headers: HeadersInit =
    error instanceof TooManyAttemptsError ? { "Retry-After": String(error.retryAfterSeconds) } : {};
  return data<ActionFailure>({ ok: false, message, issues }, { status: error.status, headers });
}

/**
 * For loaders: a service's refusal becomes the error page with its status (403, 404, …) and a
 * Spanish message; anything else is a bug and propagates.
 */
export function rethrowAsResponse(error: unknown): never {
  if (!isServiceError(error)) throw error;
  // Each issue already names its field ("Año: …"); the error's own message repeats the key.
  const message = error instanceof ValidationError ? error.issues.map((issue) => issue.message).join(" · ") : error.message;
  throw new Response(message, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** A route's `:id`, or the 404 page with `notFound`. */
export function requireIdParam(value: string | undefined, notFound: string): number {
  const id = parseIdParam(value);
  if (id == null) throw new Response(notFound, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return id;
}

/** An editor's `:id`: `nuevo` means "create" (null); anything else must be an id, or 404. */
export function requireEditorIdParam(value: string | undefined, notFound: string): number | null {
  return value === "nuevo" ? null : requireIdParam(value, notFound);
}

/** An optional id in the query string (`?plan=3`): absent is null, malformed is a 404. */
export function optionalQueryId(url: URL, name: string, notFound: string): number | null {
  const value = url.searchParams.get(name);
  if (value == null || value === "") return null;
  return requireIdParam(value, notFound);
}
