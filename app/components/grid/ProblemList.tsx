import type { CellProblemKind } from "~/domain/grid-batch";
import type { CellPosition } from "./edit-state";
import { formatTimestamp } from "~/domain/format";

export interface ProblemItem {
  key: string;
  /** "Tasa de ocupación · marzo 2025 · Valor". */
  place: string;
  message: string;
  kind: CellProblemKind;
  /** Where the cell is, to take the person there; absent when the grid does not show it. */
  position?: CellPosition;
  /** Conflicts: what the database holds now and who put it there; and what this person typed. */
  conflict?: { theirs: string; by: string | null; at: string | null; mine: string };
}

const MAX_SHOWN = 200;


function whoAndWhen(by: string | null, at: string | null): string {
  const when = at && !Number.isNaN(Date.parse(at)) ? formatTimestamp(at) : null;
  return [by, when].filter(Boolean).join(", ");
}

export function ProblemList({
  items,
  onGoTo,
  onTakeTheirs,
  onKeepMine,
  onDrop,
}: {
  items: ProblemItem[];
  onGoTo(position: CellPosition): void;
  onTakeTheirs(keys: string[]): void;
  onKeepMine(keys: string[]): void;
  onDrop(key: string): void;
}) {
  if (items.length === 0) return null;
  const conflicts = items.filter((item) => item.kind === "conflict").map((item) => item.key);
  const shown = items.slice(0, MAX_SHOWN);
  return (
    <section className="grid-problems" aria-labelledby="grid-problems-title">
      <h2 id="grid-problems-title" className="grid-problems__title">
        {items.length === 1 ? "1 celda con problemas" : `${items.length.toLocaleString("es-CL")} celdas con problemas`}
      </h2>
      {conflicts.length > 1 ? (
        <p className="grid-problems__all">
          Para los {conflicts.length.toLocaleString("es-CL")} conflictos:{" "}
          <button type="button" className="button" onClick={() => onTakeTheirs(conflicts)}>
            Usar todos los valores de la otra persona
          </button>{" "}
          <button type="button" className="button" onClick={() => onKeepMine(conflicts)}>
            Mantener todos los míos
          </button>
        </p>
      ) : null}
      <ul className="grid-problems__list">
        {shown.map((item) => (
          <li key={item.key} className={`grid-problem grid-problem--${item.kind === "conflict" ? "conflict" : "error"}`}>
            <span className="grid-problem__place">
              {item.position ? (
                <button type="button" className="button button--link" onClick={() => item.position && onGoTo(item.position)}>
                  {item.place}
                </button>
              ) : (
                item.place
              )}
            </span>{" "}
            <span className="grid-problem__message">— {item.message}</span>
            {item.conflict ? (
              <>
                <span className="grid-problem__values">
                  Valor de la otra persona: <strong>{item.conflict.theirs || "(vacío)"}</strong>
                  {whoAndWhen(item.conflict.by, item.conflict.at) ? ` (${whoAndWhen(item.conflict.by, item.conflict.at)})` : ""} ·
                  Su valor: <strong>{item.conflict.mine || "(vacío)"}</strong>
                </span>
                <span className="grid-problem__actions">
                  <button type="button" className="button" onClick={() => onTakeTheirs([item.key])}>
                    Usar el valor de la otra persona
                  </button>{" "}
                  <button type="button" className="button" onClick={() => onKeepMine([item.key])}>
                    Mantener el mío
                  </button>
                </span>
              </>
            ) : item.position ? (
              <span className="grid-problem__actions">
                <button type="button" className="button" onClick={() => onDrop(item.key)}>
                  Quitar este cambio
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {items.length > MAX_SHOWN ? <p>… y {(items.length - MAX_SHOWN).toLocaleString("es-CL")} más.</p> : null}
    </section>
  );
}
