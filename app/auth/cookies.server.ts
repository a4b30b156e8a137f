import type { Cookie } from "lucia";

/**
 * `Secure` whenever the app is reached over HTTPS, and always in production except on the
 * loopback address (where browsers treat plain http as trustworthy for local trials).
 */
export function shouldUseSecureCookies(request: Request): boolean {
  const url = new URL(request.url);
  if (url.protocol === "https:") return true;
  if (process.env.COOKIE_SECURE === "true") return true;
  if (process.env.COOKIE_SECURE === "false") return false;
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  return process.env.NODE_ENV === "production" && !loopback;
}

export function serializeSessionCookie(cookie: Cookie, request: Request): string {
  cookie.attributes.secure = shouldUseSecureCookies(request);
  cookie.attributes.httpOnly = true;
  return cookie.serialize();
}
