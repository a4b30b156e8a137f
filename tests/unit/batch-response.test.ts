import { describe, expect, it } from "vitest";
import { batchResponse } from "~/http/batch.server";

/** A request whose body arrives in chunks without a Content-Length, as a chunked upload does. */
function chunkedRequest(totalBytes: number): Request {
  const chunk = new Uint8Array(64 * 1024).fill(32);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return new Request("http://localhost/reportar/guardar", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("a grid's save endpoint", () => {
  it("refuses a body past 5 MB while reading it, even without Content-Length, and never calls the service", async () => {
    let called = false;
    const response = await batchResponse(chunkedRequest(8 * 1024 * 1024), async () => {
      called = true;
      return { ok: true, saved: 0, records: [] };
    });
    expect(response.status).toBe(413);
    expect((await response.json()).message).toContain("guarde por partes");
    expect(called).toBe(false);
  });

  it("answers an unexpected failure in Spanish as JSON, so the grid keeps the edits", async () => {
    const request = new Request("http://localhost/reportar/guardar", { method: "POST", body: JSON.stringify({ changes: [] }) });
    const response = await batchResponse(request, async () => {
      throw new Error("deadlock detected");
    });
    expect(response.status).toBe(500);
    expect((await response.json()).message).toBe("No se pudo guardar por un error del servidor; nada se guardó y sus cambios siguen en la tabla.");
  });
});
