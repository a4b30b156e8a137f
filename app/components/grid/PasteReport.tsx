export interface PasteIssue {
  /** "Tasa de ocupación · marzo 2025 · Valor". */
  place: string;
  /** What was pasted there. */
  text: string;
  reason: string;
}

export interface PasteSummary {
  /** "Se pegaron 5 celdas; 1 no se pudo pegar:". */
  head: string;
  issues: PasteIssue[];
}

const MAX_SHOWN = 100;

/** What a paste did, cell by cell where it could not: nothing pasted is dropped silently. */
export function PasteReport({ summary, onClose }: { summary: PasteSummary; onClose(): void }) {
  const shown = summary.issues.slice(0, MAX_SHOWN);
  return (
    <section className={`grid-paste ${summary.issues.length > 0 ? "grid-paste--issues" : ""}`} aria-label="Resultado del pegado">
      <div className="grid-paste__head">
        <p>{summary.head}</p>
        <button type="button" className="button" onClick={onClose}>
          Cerrar resumen
        </button>
      </div>
      {shown.length > 0 ? (
        <ul className="grid-paste__list">
          {shown.map((issue, index) => (
            <li key={index}>
              <strong>{issue.place}</strong>
              {issue.text ? <> («{issue.text}»)</> : null}: {issue.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {summary.issues.length > MAX_SHOWN ? <p>… y {(summary.issues.length - MAX_SHOWN).toLocaleString("es-CL")} más.</p> : null}
    </section>
  );
}
