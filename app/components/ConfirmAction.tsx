import { Form, Link } from "@remix-run/react";
import { forwardRef, type ReactNode } from "react";

interface ConfirmActionProps {
  question: ReactNode;
  /** A sentence under the question: what follows from confirming. */
  detail?: ReactNode;
  /** The action's intent, posted again with `confirm=yes`. */
  intent?: string;
  /** Where the page goes back to afterwards, when it has to say. */
  back?: string;
  busy: boolean;
  confirmLabel?: string;
  busyLabel?: string;
}

/**
 * The second step of a destructive action (delete, deactivate) that works without JavaScript:
 * the first POST asks, this box posts again with `confirm=yes`. Focused when it appears so a
 * keyboard user lands on it.
 */
export const ConfirmAction = forwardRef<HTMLDivElement, ConfirmActionProps>(function ConfirmAction(
  { question, detail, intent = "delete", back, busy, confirmLabel = "Confirmar", busyLabel = "Eliminando…" },
  ref,
) {
  return (
    <div className="alert alert--error confirm-box" role="alert" tabIndex={-1} ref={ref} aria-labelledby="confirm-title">
      <p id="confirm-title" className="confirm-box__question">
        {question}
      </p>
      {detail ? <p className="confirm-box__detail">{detail}</p> : null}
      <Form method="post" className="button-row">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="confirm" value="yes" />
        {back ? <input type="hidden" name="back" value={back} /> : null}
        <button type="submit" className="button button--danger" disabled={busy}>
          {busy ? busyLabel : confirmLabel}
        </button>
        <Link to="." className="button">
          Cancelar
        </Link>
      </Form>
    </div>
  );
});
