/**
 * What a service can refuse, in Spanish, ready for the person who asked. Routes turn these into
 * responses (403, 404, 409, 422); nothing else leaks a stack trace.
 */
export class ForbiddenError extends Error {
  readonly status = 403;
}

export class NotFoundError extends Error {
  readonly status = 404;
}

export class ConflictError extends Error {
  readonly status = 409;
}

export interface FieldIssue {
  field: string;
  message: string;
}

export class ValidationError extends Error {
  readonly status = 422;
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.message}`).join("; "));
  }
}

export class TooManyAttemptsError extends Error {
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(`Demasiados intentos fallidos. Espere ${minutes} ${minutes === 1 ? "minuto" : "minutos"} antes de volver a intentarlo.`);
  }
}

export type ServiceError = ForbiddenError | NotFoundError | ConflictError | ValidationError | TooManyAttemptsError;

export function isServiceError(error: unknown): error is ServiceError {
  return (
    error instanceof ForbiddenError ||
    error instanceof NotFoundError ||
    error instanceof ConflictError ||
    error instanceof ValidationError ||
    error instanceof TooManyAttemptsError
  );
}
