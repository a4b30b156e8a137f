import { data } from "@remix-run/node";
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
