import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * The filter card above a grid page: a GET form (so the filters live in the URL), its fields
 * in a grid and one submit button. `formKey` remounts the form when the applied filters change,
 * so the back button shows what is applied.
 */
export function GridFilters({
  label,
  formKey,
  submitLabel = "Filtrar",
  children,
}: {
  label: string;
  formKey: string;
  submitLabel?: string;
  children: ReactNode;
}) {
  return (
    <section className="card grid-filters" aria-label={label}>
      <Form method="get" className="form" key={formKey}>
        <div className="form-grid">{children}</div>
        <div className="button-row">
          <button type="submit" className="button button--primary">
            {submitLabel}
          </button>
        </div>
      </Form>
    </section>
  );
}
