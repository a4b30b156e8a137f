import type { BatchResult } from "../domain/grid-batch";
import { isServiceError, ValidationError } from "../services/errors";

/** A grid's save request stays well under this; anything bigger is refused while it is read. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const TOO_BIG = "Demasiados cambios en una sola solicitud; guarde por partes.";

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * The body as text, or null past `limit` bytes. Counted while reading: a chunked request has no
 * Content-Length, and trusting the header would let anyone signed in fill the server's memory.
 */
async function readLimitedText(request: Request, limit: number): Promise<string | null> {
  if (Number(request.headers.get("Content-Length") ?? 0) > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The save endpoint of an editing grid: reads the JSON body, hands it to the service and answers
 * with the BatchResult (200 saved, 422 every problem, nothing saved). A refusal of the whole
 * request (403, 404, 409, …) comes back as `{ message }` with its status, and so does an
 * unexpected failure (500), in Spanish, so the grid keeps the edits and says what happened.
 */
export async function batchResponse(request: Request, save: (input: unknown) => Promise<BatchResult>): Promise<Response> {
  if (request.method !== "POST") return json({ message: "Use POST para guardar." }, 405);
  const text = await readLimitedText(request, MAX_BODY_BYTES);
  if (text == null) return json({ message: TOO_BIG }, 413);
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
    if (!isServiceError(error)) {
      console.error(error);
      return json({ message: "No se pudo guardar por un error del servidor; nada se guardó y sus cambios siguen en la tabla." }, 500);
    }
    const message = error instanceof ValidationError ? error.issues.map((issue) => issue.message).join(" · ") : error.message;
    return json({ message }, error.status);
  }
}
