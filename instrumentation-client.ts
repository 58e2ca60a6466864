/**
 * Runs in the browser before the app (Next.js client instrumentation). A navigation that starts
 * is recorded so a pending filter update in the URL cannot land on top of it (lib/url-state.tsx).
 */
import { navigationStarted } from "@/lib/navigation-guard";

export function onRouterTransitionStart(url: string): void {
  navigationStarted(url);
}
