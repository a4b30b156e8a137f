import { AG_GRID_LOCALE_ES } from "@ag-grid-community/locale";
import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type CellClassParams,
  type ColDef,
  type ColGroupDef,
  type Column,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type IRowNode,
  type RowSelectionOptions,
  type SelectionChangedEvent,
  type SuppressKeyboardEventParams,
  type TooltipCallbackParams,
  type ValueFormatterParams,
  type ValueGetterParams,
  type ValueSetterParams,
} from "ag-grid-community";
import { AgGridReact } from "ag-grid-react";
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { cellKey } from "~/domain/grid-batch";
import { cellEditText, formatCellValue, parseCellInput, sameCellValue, type CellValue } from "~/domain/grid-values";
import { parseClipboardTable } from "~/domain/paste";
import { GridEditState, type CellPosition, type PendingCell } from "./edit-state";
import { DEFAULT_GRID_HEIGHT } from "./GridPlaceholder";
import { pasteBlock } from "./paste-block";
import { PasteReport, type PasteSummary } from "./PasteReport";
import { problemItemsOf } from "./problem-items";
import { ProblemList } from "./ProblemList";
import { SaveBar, type GridStatus } from "./SaveBar";
import { postBatch } from "./save-batch";
import type { EditableGridProps, GridColumn, RecordCell } from "./types";
import { useUnsavedChangesWarning } from "./useUnsavedChangesWarning";
import { formatCount } from "~/domain/format";

export type { CellKind, CellOption, CellValue, EditableGridProps, GridColumn, RecordCell, SavedBatch } from "./types";

// Global and idempotent; this module only ever runs in the browser (see ClientOnly).
ModuleRegistry.registerModules([AllCommunityModule]);

/** The app's palette (app.css) on AG Grid's Quartz theme; no CSS file import is needed. */
const gridTheme = themeQuartz.withParams({
  accentColor: "#0f69c4",
  foregroundColor: "#1f2933",
  borderColor: "#d4d9de",
  backgroundColor: "#ffffff",
  headerBackgroundColor: "#eef2f6",
  headerTextColor: "#001c41",
  headerFontWeight: 600,
  rowHoverColor: "#f3f8fd",
  selectedRowBackgroundColor: "#e3effb",
  fontFamily: ["Roboto", "Segoe UI", "Helvetica Neue", "Arial", "Noto Sans", "Liberation Sans", "sans-serif"],
  fontSize: 14,
  spacing: 6,
  wrapperBorderRadius: 6,
  browserColorScheme: "light",
});

/** Row checkboxes stay in view, left of the pinned columns. */
const SELECTION_COLUMN = { pinned: "left" as const, width: 48 };


type Editability = { editable: true; cell: RecordCell } | { editable: false; reason: string | null };

type EditInput = { text: string } | { value: CellValue };

type CellEdit = { key: string; position: CellPosition; next: PendingCell | undefined };

type EditOutcome = { refused: string } | CellEdit;

const TYPING_KEYS = /^.$/u;

/** batchRequestSchema's limit for a text value. */
const MAX_TEXT_LENGTH = 4000;

function isTextEntry(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/**
 * A spreadsheet-like editing grid over a route's rows. Edits stay here, over the loaded values,
 * until "Guardar cambios" posts them all in one request (app/domain/grid-batch.ts); the answer
 * marks each refused cell. Render it inside <ClientOnly> with a <GridPlaceholder> of the same height.
 */
export function EditableGrid<Row>(props: EditableGridProps<Row>): JSX.Element {
  const { rows, columns, height = DEFAULT_GRID_HEIGHT, ariaLabel, toolbar, rowSelection } = props;
  const [state] = useState(() => new GridEditState());
  const apiRef = useRef<GridApi<Row> | null>(null);
  const gridAreaRef = useRef<HTMLDivElement>(null);
  const propsRef = useRef(props);
  const savingRef = useRef(false);
  const [, setRevision] = useState(0);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<GridStatus | null>(null);
  const [pasteSummary, setPasteSummary] = useState<PasteSummary | null>(null);

  useEffect(() => {
    propsRef.current = props;
  });

  const rerender = useCallback(() => setRevision((revision) => revision + 1), []);

  // --- reading cells ---------------------------------------------------------------------------

  const columnsById = useMemo(() => new Map(columns.map((column) => [column.id, column])), [columns]);

  const cells = useMemo(() => {
    const editability = (column: GridColumn<Row>, row: Row): Editability => {
      if (!column.cell) return { editable: false, reason: null };
      const cell = column.cell(row);
      if (!cell)
        return {
          editable: false,
          reason: `${column.header}: esta celda no se puede editar`,
        };
      const allowed = column.editable ? column.editable(row) : true;
      return allowed === true ? { editable: true, cell } : { editable: false, reason: allowed };
    };
    const keyOf = (column: GridColumn<Row>, row: Row): string | null => {
      const cell = column.cell?.(row);
      return cell ? cellKey(cell.row, cell.field) : null;
    };
    const shown = (column: GridColumn<Row>, row: Row): CellValue => {
      const key = keyOf(column, row);
      const loaded = column.value(row);
      return key ? state.shownValue(key, loaded) : loaded;
    };
    const format = (column: GridColumn<Row>, value: CellValue | undefined) => formatCellValue(column.kind, value ?? null, column);
    const title = (column: GridColumn<Row>) => (column.group ? `${column.group} · ${column.header}` : column.header);
    const rowLabel = (row: Row): string => {
      const label = propsRef.current.rowLabel?.(row);
      if (label) return label;
      const first = columns[0];
      return first ? format(first, first.value(row)) || "(sin nombre)" : "";
    };
    const place = (row: Row | undefined, column: GridColumn<Row> | undefined) =>
      [row === undefined ? null : rowLabel(row), column ? title(column) : null].filter(Boolean).join(" · ");

    /** What typing or pasting `input` into a cell would make of it; nothing is changed yet. */
    const edit = (node: IRowNode<Row>, column: GridColumn<Row>, input: EditInput): EditOutcome => {
      const row = node.data;
      if (row === undefined || node.id === undefined) return { refused: "fila sin datos" };
      const access = editability(column, row);
      if (!access.editable)
        return {
          refused: access.reason ?? `${column.header}: columna informativa, no se edita`,
        };
      const { cell } = access;
      const key = cellKey(cell.row, cell.field);
      const position = { rowId: node.id, colId: column.id };
      const existing = state.pending.get(key);
      const version = existing ? existing.change.version : state.baseVersion(cell.row, cell.version);
      const parsed =
        "value" in input ? { ok: true as const, value: input.value } : parseCellInput(column.kind, input.text, column.options);
      let next: PendingCell | undefined;
      if (!parsed.ok) {
        const text = "text" in input ? input.text.trim() : "";
        next = {
          key,
          ...position,
          change: { row: cell.row, field: cell.field, value: null, version },
          text,
          error: `${column.header}: ${parsed.problem}`,
        };
      } else {
        // The batch contract refuses longer texts for the whole request: catch them per cell here.
        const tooLong = typeof parsed.value === "string" && parsed.value.length > MAX_TEXT_LENGTH;
        const error = tooLong
          ? `${column.header}: no puede superar 4.000 caracteres`
          : column.validate?.(parsed.value, row) ?? null;
        const unchanged = !error && sameCellValue(parsed.value, state.baseValue(key, column.value(row)));
        next = unchanged
          ? undefined
          : {
              key,
              ...position,
              change: {
                row: cell.row,
                field: cell.field,
                value: parsed.value,
                version,
              },
              text: null,
              error,
            };
      }
      if (
        existing &&
        next &&
        next.text === existing.text &&
        next.error === existing.error &&
        sameCellValue(next.change.value, existing.change.value)
      ) {
        next = existing;
      }
      return { key, position, next };
    };

    const problemOf = (column: GridColumn<Row>, row: Row | undefined) => {
      const key = row === undefined ? null : keyOf(column, row);
      return key ? state.problems.get(key) : undefined;
    };
    const pendingOf = (column: GridColumn<Row>, row: Row | undefined) => {
      const key = row === undefined ? null : keyOf(column, row);
      return key ? state.pending.get(key) : undefined;
    };

    return {
      editability,
      keyOf,
      shown,
      format,
      title,
      rowLabel,
      place,
      edit,
      problemOf,
      pendingOf,
    };
  }, [columns, state]);

  // --- changing cells ----------------------------------------------------------------------------

  const refresh = useCallback((positions: readonly CellPosition[]) => {
    const api = apiRef.current;
    if (!api || positions.length === 0) return;
    const rowNodes = [...new Set(positions.map((position) => position.rowId))]
      .map((id) => api.getRowNode(id))
      .filter((node): node is IRowNode<Row> => node != null);
    const columnIds = [...new Set(positions.map((position) => position.colId))];
    api.refreshCells({ rowNodes, columns: columnIds, force: true });
  }, []);

  const commit = useCallback(
    (
      changes: {
        key: string;
        position: CellPosition;
        next: PendingCell | undefined;
      }[]
    ) => {
      const touched = state.apply(changes);
      // Edits arrive from inside AG Grid's own edit handling: repaint once it has finished.
      queueMicrotask(() => refresh(touched));
      rerender();
      return touched.length > 0;
    },
    [state, refresh, rerender]
  );

  const editOne = useCallback(
    (node: IRowNode<Row>, column: GridColumn<Row>, input: EditInput): string | null => {
      const outcome = cells.edit(node, column, input);
      if ("refused" in outcome) return outcome.refused;
      commit([outcome]);
      return null;
    },
    [cells, commit]
  );

  // --- columns -----------------------------------------------------------------------------------

  const columnDefs = useMemo(() => {
    const toColDef = (column: GridColumn<Row>): ColDef<Row> => ({
      colId: column.id,
      headerName: column.header,
      headerTooltip: cells.title(column),
      width: column.width,
      pinned: column.pinned,
      type: column.kind === "number" ? "rightAligned" : undefined,
      valueGetter: (params: ValueGetterParams<Row>) => (params.data === undefined ? null : cells.shown(column, params.data)),
      valueFormatter: (params: ValueFormatterParams<Row, CellValue>) => cells.format(column, params.value),
      editable: column.cell ? (params) => params.data !== undefined && cells.editability(column, params.data).editable : false,
      valueSetter: column.cell
        ? (params: ValueSetterParams<Row, CellValue>) => {
            if (!params.node) return false;
            const picked = column.kind === "select" && column.options?.some((option) => option.value === params.newValue);
            const input: EditInput = picked
              ? { value: params.newValue ?? null }
              : {
                  text: params.newValue == null ? "" : String(params.newValue),
                };
            const outcome = cells.edit(params.node, column, input);
            return "refused" in outcome ? false : commit([outcome]);
          }
        : undefined,
      cellEditor: column.kind === "select" ? "agSelectCellEditor" : "agTextCellEditor",
      cellEditorParams:
        column.kind === "select"
          ? { values: (column.options ?? []).map((option) => option.value) }
          : // The editor starts from the unrounded value (1234,5678), not from the rounded display.
            {
              useFormatter: true,
              formatValue: (value: CellValue | undefined) => cellEditText(column.kind, value ?? null, column),
            },
      cellClassRules: {
        "grid-cell--readonly": (params: CellClassParams<Row>) =>
          column.cell !== undefined && params.data !== undefined && !cells.editability(column, params.data).editable,
        "grid-cell--pending": (params: CellClassParams<Row>) => cells.pendingOf(column, params.data) !== undefined,
        "grid-cell--invalid": (params: CellClassParams<Row>) => {
          const problem = cells.problemOf(column, params.data);
          return Boolean(cells.pendingOf(column, params.data)?.error) || (problem !== undefined && problem.kind !== "conflict");
        },
        "grid-cell--conflict": (params: CellClassParams<Row>) => cells.problemOf(column, params.data)?.kind === "conflict",
      },
      tooltip: (params: TooltipCallbackParams<Row, CellValue>) => {
        if (params.location !== "cell" || params.data === undefined) return undefined;
        const row = params.data;
        const problem = cells.problemOf(column, row);
        if (problem) return problem.message;
        const pending = cells.pendingOf(column, row);
        if (pending?.error) return pending.error;
        const access = cells.editability(column, row);
        if (!access.editable && access.reason) return access.reason;
        if (pending) {
          const before = cells.format(column, state.baseValue(pending.key, column.value(row)));
          return `Sin guardar. Antes: ${before || "(vacío)"}`;
        }
        // Long texts (names, comments) are cut by the column: show them whole.
        const shownText = column.kind === "text" ? cells.format(column, params.value) : "";
        return shownText.length > 24 ? shownText : undefined;
      },
    });

    const defs: (ColDef<Row> | ColGroupDef<Row>)[] = [];
    let group: ColGroupDef<Row> | null = null;
    for (const column of columns) {
      const def = toColDef(column);
      if (!column.group) {
        group = null;
        defs.push(def);
      } else if (group && group.headerName === column.group) {
        group.children.push(def);
      } else {
        group = {
          headerName: column.group,
          groupId: `grupo-${defs.length}`,
          marryChildren: true,
          children: [def],
        };
        defs.push(group);
      }
    }
    return defs;
  }, [columns, cells, commit, state]);

  const defaultColDef = useMemo<ColDef<Row>>(
    () => ({
      sortable: true,
      resizable: true,
      suppressMovable: true,
      // Our own parsing and formatting: no inferred data types, parsers or editors.
      cellDataType: false,
      // Delete is ours (it reports why a read-only cell cannot be cleared).
      suppressKeyboardEvent: (params: SuppressKeyboardEventParams<Row>) => !params.editing && params.event.key === "Delete",
    }),
    []
  );

  const selection = useMemo<RowSelectionOptions<Row> | undefined>(
    () =>
      rowSelection
        ? {
            mode: "multiRow",
            checkboxes: true,
            headerCheckbox: true,
            enableClickSelection: false,
          }
        : undefined,
    [rowSelection]
  );

  const getRowId = useCallback((params: GetRowIdParams<Row>) => propsRef.current.rowId(params.data), []);

  const labelGrid = useCallback(() => {
    gridAreaRef.current
      ?.querySelector('[role="grid"], [role="treegrid"]')
      ?.setAttribute("aria-label", propsRef.current.ariaLabel);
  }, []);

  const onGridReady = useCallback(
    (event: GridReadyEvent<Row>) => {
      apiRef.current = event.api;
      labelGrid();
    },
    [labelGrid]
  );

  useEffect(labelGrid, [ariaLabel, labelGrid]);

  const onSelectionChanged = useCallback((event: SelectionChangedEvent<Row>) => {
    const ids = event.api.getSelectedNodes().flatMap((node) => (node.id === undefined ? [] : [node.id]));
    propsRef.current.onSelectionChange?.(ids);
  }, []);

  // Fresh rows from the loader show what the database holds: forget what we knew meanwhile.
  const loadedRows = useRef(rows);
  useEffect(() => {
    if (loadedRows.current === rows) return;
    loadedRows.current = rows;
    state.rowsReloaded();
    apiRef.current?.refreshCells({ force: true });
  }, [rows, state]);

  // --- counts and warnings -------------------------------------------------------------------------

  const pendingCount = state.pending.size;
  let blockingCount = 0;
  for (const cell of state.pending.values()) {
    const problem = state.problems.get(cell.key);
    if (cell.error || problem) blockingCount += 1;
  }

  const abandonEdits = useCallback(() => {
    state.reset();
    setPasteSummary(null);
    setStatus(null);
    apiRef.current?.refreshCells({ force: true });
    rerender();
  }, [state, rerender]);

  useUnsavedChangesWarning(pendingCount, abandonEdits);

  useEffect(() => {
    propsRef.current.onPendingChange?.(pendingCount);
  }, [pendingCount]);

  // --- actions --------------------------------------------------------------------------------------

  const undo = useCallback(() => {
    const touched = state.undo();
    if (touched.length === 0) return;
    refresh(touched);
    setStatus({
      tone: "info",
      text: `Se deshizo el último cambio (${formatCount(touched.length, "celda", "celdas")}).`,
    });
    rerender();
  }, [state, refresh, rerender]);

  const discard = useCallback(() => {
    const touched = state.discardAll();
    refresh(touched);
    setPasteSummary(null);
    setStatus({
      tone: "info",
      text:
        touched.length === 1
          ? "Se descartó 1 cambio. Puede recuperarlo con «Deshacer»."
          : `Se descartaron ${touched.length.toLocaleString("es-CL")} cambios. Puede recuperarlos con «Deshacer».`,
    });
    rerender();
  }, [state, refresh, rerender]);

  const save = useCallback(async () => {
    const saveUrl = propsRef.current.saveUrl;
    if (savingRef.current || !saveUrl) return;
    apiRef.current?.stopEditing();
    const sent = [...state.pending.values()];
    if (sent.length === 0) return;
    const blocking = sent.filter((cell) => cell.error || state.problems.has(cell.key)).length;
    if (blocking > 0) {
      setStatus({
        tone: "error",
        text: `Corrija ${formatCount(blocking, "celda marcada", "celdas marcadas")} antes de guardar.`,
      });
      return;
    }
    savingRef.current = true;
    setSaving(true);
    setStatus({
      tone: "info",
      text: `Guardando ${formatCount(sent.length, "cambio", "cambios")}…`,
    });
    const outcome = await postBatch(
      saveUrl,
      sent.map((cell) => cell.change)
    );
    savingRef.current = false;
    setSaving(false);
    switch (outcome.kind) {
      case "saved": {
        refresh(state.saved(sent, outcome.result.records));
        const saved = outcome.result.saved;
        setStatus({
          tone: "success",
          text: saved === 1 ? "Se guardó 1 cambio." : `Se guardaron ${saved.toLocaleString("es-CL")} cambios.`,
        });
        propsRef.current.onSaved?.(outcome.result);
        break;
      }
      case "problems": {
        refresh(state.setProblems(outcome.problems));
        const cellsWithProblems = new Set(outcome.problems.map((problem) => cellKey(problem.row, problem.field))).size;
        setStatus({
          tone: "error",
          text: `No se guardó ningún cambio: ${formatCount(
            cellsWithProblems,
            "celda tiene",
            "celdas tienen"
          )} problemas (marcadas en la tabla y listadas abajo). Sus cambios siguen aquí.`,
        });
        break;
      }
      case "refused":
        setStatus({ tone: "error", text: outcome.message });
        break;
      case "offline":
        setStatus({
          tone: "error",
          text: "No se pudo guardar: sin conexión. Sus cambios siguen aquí.",
        });
        break;
    }
    rerender();
  }, [state, refresh, rerender]);

  const takeTheirs = useCallback(
    (keys: string[]) => {
      refresh(state.takeTheirs(keys));
      setStatus({
        tone: "info",
        text: `Se usó el valor de la otra persona en ${formatCount(keys.length, "celda", "celdas")}.`,
      });
      rerender();
    },
    [state, refresh, rerender]
  );

  const keepMine = useCallback(
    (keys: string[]) => {
      refresh(state.keepMine(keys));
      setStatus({
        tone: "info",
        text: `Se mantendrá su valor en ${formatCount(keys.length, "celda", "celdas")} al guardar.`,
      });
      rerender();
    },
    [state, refresh, rerender]
  );

  const dropChange = useCallback(
    (key: string) => {
      const pending = state.pending.get(key);
      if (pending) commit([{ key, position: pending, next: undefined }]);
    },
    [state, commit]
  );

  const goTo = useCallback((position: CellPosition) => {
    const api = apiRef.current;
    const node = api?.getRowNode(position.rowId);
    if (!api || !node || node.rowIndex == null) return;
    api.ensureIndexVisible(node.rowIndex);
    api.ensureColumnVisible(position.colId);
    api.setFocusedCell(node.rowIndex, position.colId);
  }, []);

  // --- keyboard and clipboard -------------------------------------------------------------------------

  const focusedCell = useCallback((): {
    node: IRowNode<Row>;
    column: GridColumn<Row>;
  } | null => {
    const api = apiRef.current;
    const focused = api?.getFocusedCell();
    if (!api || !focused || focused.rowPinned) return null;
    const node = api.getDisplayedRowAtIndex(focused.rowIndex);
    const column = columnsById.get(focused.column.getColId());
    return node && column ? { node, column } : null;
  }, [columnsById]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const api = apiRef.current;
      const editing = (api?.getEditingCells().length ?? 0) > 0;
      const shortcut = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (editing || isTextEntry(event.target)) return;
      if (shortcut && key === "z" && !event.shiftKey) {
        event.preventDefault();
        undo();
        return;
      }
      if (shortcut || event.altKey) return;
      const target = focusedCell();
      if (!target || !gridAreaRef.current?.contains(event.target as Node)) return;
      if (event.key === "Delete") {
        event.preventDefault();
        const refused = editOne(target.node, target.column, { text: "" });
        if (refused) setStatus({ tone: "error", text: `No se puede borrar: ${sentence(refused)}` });
        return;
      }
      // Typing on a read-only cell does nothing in the grid: say why, for keyboard users too.
      if (TYPING_KEYS.test(event.key) || event.key === "F2" || event.key === "Backspace") {
        const row = target.node.data;
        const access = row === undefined ? null : cells.editability(target.column, row);
        if (access && !access.editable && access.reason)
          setStatus({
            tone: "error",
            text: `No se puede editar: ${sentence(access.reason)}`,
          });
      }
    },
    [undo, focusedCell, editOne, cells]
  );

  // Ctrl+S saves from anywhere on the page (also while a cell is being edited), never the browser's "save page".
  useEffect(() => {
    const onWindowKeyDown = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        void save();
      }
    };
    window.addEventListener("keydown", onWindowKeyDown);
    return () => window.removeEventListener("keydown", onWindowKeyDown);
  }, [save]);

  const onPaste = useCallback(
    (event: ClipboardEvent<HTMLDivElement>) => {
      const api = apiRef.current;
      // While a cell is being edited its input takes the paste as text.
      if (!api || api.getEditingCells().length > 0 || isTextEntry(event.target)) return;
      const focused = api.getFocusedCell();
      if (!focused || focused.rowPinned) return;
      event.preventDefault();
      const table = parseClipboardTable(event.clipboardData.getData("text/plain"));
      if (table.length === 0) {
        setStatus({
          tone: "error",
          text: "El portapapeles no tiene texto para pegar.",
        });
        return;
      }
      const displayed = api.getAllDisplayedColumns().filter((column: Column) => columnsById.has(column.getColId()));
      const start = Math.max(0, displayed.indexOf(focused.column));
      const { changes, summary, ok } = pasteBlock<CellEdit>(table, (row, col, text) => {
        const node = api.getDisplayedRowAtIndex(focused.rowIndex + row);
        const gridColumn = displayed[start + col];
        const column = gridColumn && columnsById.get(gridColumn.getColId());
        if (!node || !column) return null;
        const outcome = cells.edit(node, column, { text });
        const place = cells.place(node.data, column);
        return "refused" in outcome ? { place, refused: outcome.refused } : { place, change: outcome, invalid: outcome.next?.error ?? null };
      });
      commit(changes);
      setPasteSummary(summary);
      setStatus({ tone: ok ? "success" : "error", text: summary.head.replace(/:$/, " (detalle bajo la tabla).") });
    },
    [columnsById, cells, commit]
  );

  // --- problems list -----------------------------------------------------------------------------------

  const problemItems = problemItemsOf(state.problems, state.pending, (pending) => {
    const node = pending ? apiRef.current?.getRowNode(pending.rowId) : undefined;
    const column = pending ? columnsById.get(pending.colId) : undefined;
    return {
      place: node && column ? cells.place(node.data, column) : null,
      format: column ? (value) => cells.format(column, value) : null,
    };
  });

  return (
    <div className="editable-grid" onKeyDown={onKeyDown}>
      {/* Without a save address the grid only shows and selects rows (e.g. /validar). */}
      {props.saveUrl ? (
        <SaveBar
          pendingCount={pendingCount}
          blockingCount={blockingCount}
          saving={saving}
          canUndo={state.canUndo}
          status={status}
          toolbar={toolbar}
          onSave={() => void save()}
          onUndo={undo}
          onDiscard={discard}
        />
      ) : null}
      <div ref={gridAreaRef} className="editable-grid__area" style={{ height }} onPaste={onPaste}>
        <AgGridReact<Row>
          theme={gridTheme}
          localeText={AG_GRID_LOCALE_ES}
          rowData={rows}
          columnDefs={columnDefs}
          defaultColDef={defaultColDef}
          getRowId={getRowId}
          rowSelection={selection}
          selectionColumnDef={SELECTION_COLUMN}
          onSelectionChanged={onSelectionChanged}
          onGridReady={onGridReady}
          stopEditingWhenCellsLoseFocus
          enterNavigatesVertically
          enterNavigatesVerticallyAfterEdit
          tooltipShowDelay={400}
          animateRows={false}
        />
      </div>
      {pasteSummary ? <PasteReport summary={pasteSummary} onClose={() => setPasteSummary(null)} /> : null}
      <ProblemList items={problemItems} onGoTo={goTo} onTakeTheirs={takeTheirs} onKeepMine={keepMine} onDrop={dropChange} />
    </div>
  );
}

/** A reason as one sentence: its own full stop, never two. */
function sentence(reason: string | null): string {
  const text = (reason ?? "no está permitido").trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
