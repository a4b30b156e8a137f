import type { HtmlLinkDescriptor } from "@remix-run/react";
import gridStyles from "~/styles/grid.css";

/** The grid's styles; a route that shows an EditableGrid adds these to its `links`. */
export const gridLinks = (): HtmlLinkDescriptor[] => [{ rel: "stylesheet", href: gridStyles }];

export const DEFAULT_GRID_HEIGHT = 600;

/**
 * Takes the grid's place, at the grid's height, while the page is rendered on the server and
 * until the client shows the grid: the page does not jump.
 */
export function GridPlaceholder({
  height = DEFAULT_GRID_HEIGHT,
  label = "Cargando la tabla…",
}: {
  height?: number | string;
  label?: string;
}) {
  return (
    <div className="grid-placeholder" style={{ height: totalHeight(height) }} aria-busy="true">
      <p>{label}</p>
    </div>
  );
}

/** The grid's area plus its save bar and the gap between them (grid.css), so both take the same room. */
function totalHeight(height: number | string): string {
  const grid = typeof height === "number" ? `${height}px` : height;
  return `calc(${grid} + var(--grid-savebar-height) + var(--space-2))`;
}
