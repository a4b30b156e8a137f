import type { BatchResult } from "../domain/grid-batch";
import { isServiceError, ValidationError } from "../services/errors";

/** A grid's save request stays well under this; anything bigger is refused before parsing. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * The save endpoint of an editing grid: reads the JSON body, hands it to the service and answers
 * with the BatchResult (200 saved, 422 every problem, nothing saved). A refusal of the whole
 * request (403, 404, 409, …) comes back as `{ message }` with its status.
 */
export async function batchResponse(request: Request, save: (input: unknown) => Promise<BatchResult>): Promise<Response> {
  if (request.method !== "POST") return json({ message: "Use POST para guardar." }, 405);
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_BODY_BYTES) return json({ message: "Demasiados cambios en una sola solicitud; guarde por partes." }, 413);
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return json({ message: "Demasiados cambios en una sola solicitud; guarde por partes." }, 413);
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return json({ message: "La solicitud no es un JSON válido." }, 400);
  }
  try {
    const result = await save(input);
    return json(result, result.ok ? 200 : 422);
  } catch (error) {
    if (!isServiceError(error)) throw error;
    const message =
      error instanceof ValidationError ? error.issues.map((issue) => issue.message).join(" · ") : error.message;
    return json({ message }, error.status);
  }
}
