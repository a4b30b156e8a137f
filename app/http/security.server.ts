import { randomBytes, randomUUID } from "node:crypto";
import { verifyRequestOrigin } from "lucia";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF: a request that changes something must come from the app's own origin. Browsers send
 * `Origin` on every POST; a request without it (and without a same-site Referer) is refused too.
 */
export function isAllowedOrigin(method: string, headers: { origin?: string; referer?: string; host?: string }): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  if (!headers.host) return false;
  const origin = headers.origin ?? refererOrigin(headers.referer);
  return origin != null && verifyRequestOrigin(origin, [headers.host]);
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

export const newNonce = () => randomBytes(16).toString("base64");
export const newRequestId = () => randomUUID();

/** Headers for every response; scripts only from the app itself or with this request's nonce. */
export function securityHeaders(nonce: string): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // AG Grid's theming API and server-rendered style attributes need inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
}
