import { NextResponse, type NextRequest } from "next/server";
import { getSessionCookie } from "better-auth/cookies";

/**
 * Optimistic gate (Next 16 Proxy): a page request without a session cookie goes to sign-in,
 * remembering where it was going. The real check is on the server (tRPC createContext, pages);
 * /sign-in itself sends a brand-new portal (no user yet) on to "Create the first administrator".
 */
export function proxy(request: NextRequest) {
  // The automation API authenticates with bearer tokens and answers JSON (never a redirect); its
  // path segments are case-insensitive, as in ARM, so /Subscriptions/… is served as /subscriptions/….
  const { pathname } = request.nextUrl;
  if (/^\/subscriptions\//i.test(pathname)) {
    if (pathname.startsWith("/subscriptions/")) return NextResponse.next();
    const url = request.nextUrl.clone();
    url.pathname = "/subscriptions/" + pathname.slice("/subscriptions/".length);
    return NextResponse.rewrite(url);
  }
  if (pathname === "/openapi.json") return NextResponse.next();
  if (getSessionCookie(request)) return NextResponse.next();
  const url = request.nextUrl.clone();
  const next = request.nextUrl.pathname + request.nextUrl.search;
  url.pathname = "/sign-in";
  url.search = next && next !== "/" ? `?next=${encodeURIComponent(next)}` : "";
  return NextResponse.redirect(url);
}

export const config = {
  // Everything except the auth pages, API routes, Next internals and static files.
  matcher: ["/((?!api/|_next/|sign-in|setup|favicon\\.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|woff2?)$).*)"],
};
