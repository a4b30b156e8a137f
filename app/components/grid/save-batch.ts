import type { BatchResult, CellChange, CellProblem } from "~/domain/grid-batch";
import type { SavedBatch } from "./types";

export type SaveOutcome =
  | { kind: "saved"; result: SavedBatch }
  | { kind: "problems"; problems: CellProblem[] }
  | { kind: "refused"; message: string }
  | { kind: "offline" };

const KEPT = "Sus cambios siguen aquí.";

/**
 * Sends a grid's changes in one same-origin JSON request (the server checks Origin and the
 * session cookie) and reads the answer. Never throws: every failure keeps the edits.
 */
export async function postBatch(url: string, changes: readonly CellChange[]): Promise<SaveOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ changes }),
    });
  } catch {
    return { kind: "offline" };
  }
  // A lost session answers with a redirect to the sign-in page, which fetch follows.
  if (response.redirected && new URL(response.url).pathname.startsWith("/login")) {
    return {
      kind: "refused",
      message: `No se pudo guardar: su sesión expiró. Inicie sesión en otra pestaña y vuelva a guardar. ${KEPT}`,
    };
  }
  const body = await readBody(response);
  if (isBatchResult(body)) {
    if (body.ok && response.ok) return { kind: "saved", result: body };
    if (!body.ok) return { kind: "problems", problems: body.problems };
  }
  const message = typeof body === "object" && body && "message" in body && typeof body.message === "string" ? body.message : null;
  const text = typeof body === "string" && body.length < 300 && !body.trimStart().startsWith("<") ? body.trim() : null;
  const reason = message ?? text ?? `el servidor respondió con el error ${response.status}.`;
  return { kind: "refused", message: `No se pudo guardar: ${lowerFirst(reason)}${/[.!?]$/.test(reason) ? "" : "."} ${KEPT}` };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => "");
  if ((response.headers.get("Content-Type") ?? "").includes("json")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function isBatchResult(body: unknown): body is BatchResult {
  if (typeof body !== "object" || body === null || !("ok" in body)) return false;
  if (body.ok === true) return "saved" in body && "records" in body && Array.isArray(body.records);
  return body.ok === false && "problems" in body && Array.isArray(body.problems);
}

/** "Su perfil no…" -> "su perfil no…", so it reads on after "No se pudo guardar:". */
function lowerFirst(text: string): string {
  return text.length > 1 && /^[A-ZÁÉÍÓÚÑ][a-záéíóúñ]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
