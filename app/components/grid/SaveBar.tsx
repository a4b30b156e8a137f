import type { ReactNode } from "react";
import { formatCount } from "~/domain/format";

export interface GridStatus {
  tone: "info" | "success" | "error";
  text: string;
}


/** Unsaved changes, the save/undo/discard buttons and the grid's live status line. */
export function SaveBar({
  pendingCount,
  blockingCount,
  saving,
  canUndo,
  status,
  toolbar,
  onSave,
  onUndo,
  onDiscard,
}: {
  pendingCount: number;
  /** Invalid cells and unresolved conflicts: saving waits until they are fixed. */
  blockingCount: number;
  saving: boolean;
  canUndo: boolean;
  status: GridStatus | null;
  toolbar?: ReactNode;
  onSave(): void;
  onUndo(): void;
  onDiscard(): void;
}) {
  return (
    <div className="grid-savebar">
      {toolbar ? <div className="grid-savebar__toolbar">{toolbar}</div> : null}
      <p className={`grid-savebar__count ${pendingCount > 0 ? "grid-savebar__count--dirty" : ""}`}>
        {pendingCount > 0 ? `${formatCount(pendingCount, "cambio", "cambios")} sin guardar` : "Sin cambios por guardar"}
        {blockingCount > 0 ? (
          <span className="grid-savebar__blocking"> · Corrija {formatCount(blockingCount, "celda marcada", "celdas marcadas")}</span>
        ) : null}
      </p>
      <div className="grid-savebar__status" role="status" aria-live="polite" aria-atomic="true">
        {status ? <span className={`grid-status grid-status--${status.tone}`}>{status.text}</span> : null}
      </div>
      <div className="grid-savebar__buttons">
        <button type="button" className="button" onClick={onUndo} disabled={!canUndo || saving} aria-keyshortcuts="Control+Z">
          Deshacer
        </button>
        <button type="button" className="button" onClick={onDiscard} disabled={pendingCount === 0 || saving}>
          Descartar cambios
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={onSave}
          disabled={pendingCount === 0 || blockingCount > 0 || saving}
          aria-keyshortcuts="Control+S"
          title="Guardar cambios (Ctrl+S)"
        >
          {saving ? "Guardando…" : "Guardar cambios"}
        </button>
      </div>
    </div>
  );
}
