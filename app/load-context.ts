/** What the HTTP server hands every loader and action (see server.ts). */
declare module "@remix-run/node" {
  interface AppLoadContext {
    requestId: string;
    cspNonce: string;
    clientIp: string;
  }
  // Single fetch's types: loaders and actions return plain data (or `data()`), not JSON.
  interface Future {
    v3_singleFetch: true;
  }
}

export {};
