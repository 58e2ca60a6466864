/**
 * Knows whether a client-side navigation is in flight, so a filter's URL update that was still
 * waiting (debounced search) never lands on top of it. Next's router starts a navigation in
 * `onRouterTransitionStart` (instrumentation-client.ts) and the URL changes when it commits; a
 * `history.replaceState` in between makes Next restore the old page and drop the navigation.
 *
 * Kept on globalThis so the instrumentation entry and the app share one state.
 */
type NavigationState = { started: number; settled: number };

const store = globalThis as unknown as { __portalNavigation?: NavigationState };

function state(): NavigationState {
  store.__portalNavigation ??= { started: 0, settled: 0 };
  return store.__portalNavigation;
}

/** A navigation to `url` starts (Link click, router.push/replace, back/forward). */
export function navigationStarted(url: string): void {
  if (typeof location !== "undefined") {
    // A navigation to the page already shown changes no URL, so nothing would mark it settled;
    // it also replaces any navigation still in flight (Next runs only the latest one).
    const target = new URL(url, location.href);
    if (target.pathname === location.pathname && target.search === location.search) return navigationSettled();
  }
  state().started++;
}

/** The URL shown changed: every navigation started so far has landed (or was replaced by a later one). */
export function navigationSettled(): void {
  const s = state();
  s.settled = s.started;
}

export function isNavigating(): boolean {
  const s = state();
  return s.started !== s.settled;
}
