import { Form, Link } from "@remix-run/react";
import { forwardRef, type ReactNode } from "react";

/**
 * The second step of a delete that works without JavaScript: the first POST asks, this box
 * posts again with `confirm=yes`. Focused when it appears so a keyboard user lands on it.
 */
export const ConfirmDelete = forwardRef<HTMLDivElement, { question: ReactNode; back: string; busy: boolean }>(
  function ConfirmDelete({ question, back, busy }, ref) {
    return (
      <div className="alert alert--error confirm-box" role="alert" tabIndex={-1} ref={ref} aria-labelledby="confirm-title">
        <p id="confirm-title" className="confirm-box__question">
          {question}
        </p>
        <Form method="post" className="button-row">
          <input type="hidden" name="intent" value="delete" />
          <input type="hidden" name="confirm" value="yes" />
          <input type="hidden" name="back" value={back} />
          <button type="submit" className="button button--danger" disabled={busy}>
            {busy ? "Eliminando…" : "Confirmar"}
          </button>
          <Link to="." className="button">
            Cancelar
          </Link>
        </Form>
      </div>
    );
  },
);
