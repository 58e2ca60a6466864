/**
 * Where to go after sign-in (`?next=`): only a path on this portal, never another site. Refused
 * (→ "/"): anything not starting with one "/", a protocol-relative "//host" or "/\host" (browsers
 * read "\" as "/"), control characters and whitespace (the URL parser strips tabs and newlines, so
 * "/\t/evil.example" becomes "//evil.example"), and the same tricks percent-encoded (once or more).
 */
const MAX_LENGTH = 2048;
const ORIGIN = "http://portal.invalid";
// C0 controls, DEL, C1 controls, and whitespace (incl. Unicode spaces and line separators).
const CONTROL_OR_SPACE = /[\u0000-\u001f\u007f-\u009f\s\u200b-\u200f\u2028\u2029\ufeff]/u;

/** The path part (before ? or #) must be one "/"-rooted path without "\\", controls or whitespace. */
function unsafePath(p: string): boolean {
  const path = p.split(/[?#]/, 1)[0]!;
  return !path.startsWith("/") || path.startsWith("//") || path.includes("\\") || CONTROL_OR_SPACE.test(path);
}

export function safeNext(next: string | null | undefined): string {
  if (typeof next !== "string" || next.length === 0 || next.length > MAX_LENGTH) return "/";
  if (next.includes("\\") || CONTROL_OR_SPACE.test(next) || unsafePath(next)) return "/";
  // Whatever a later decoding (by a router, a proxy or the browser) would see must be safe too.
  let decoded = next;
  for (let i = 0; i < 3; i++) {
    let once: string;
    try {
      once = decodeURIComponent(decoded);
    } catch {
      return "/";
    }
    if (once === decoded) break;
    if (unsafePath(once)) return "/";
    decoded = once;
  }
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return "/";
  }
  return url.origin === ORIGIN ? next : "/";
}
