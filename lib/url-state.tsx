"use client";

/**
 * Filters live in the URL (nuqs), so a filtered blade is linkable and survives a reload.
 *
 * nuqs' own Next.js App Router adapter writes the URL with `history.replaceState`, which Next
 * turns into a "restore" of the current page: a navigation still loading at that moment is
 * discarded. nuqs drops its queued updates only once the new page has committed, so a search
 * typed just before a click would bring the user back to the grid. This adapter is nuqs' App
 * Router adapter plus one rule: while a navigation is in flight (lib/navigation-guard.ts), a
 * queued filter update is dropped instead of written. nuqs' `NuqsAdapter` still runs around it
 * for its history bookkeeping (queues reset on back/forward and when the page changes).
 */
import { Suspense, startTransition, useCallback, useEffect, type ReactNode } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import {
  renderQueryString,
  unstable_createAdapterProvider as createAdapterProvider,
  type unstable_AdapterInterface as AdapterInterface,
  type unstable_UpdateUrlFunction as UpdateUrlFunction,
} from "nuqs/adapters/custom";
import { isNavigating, navigationSettled } from "@/lib/navigation-guard";

/** nuqs marks its own history writes with this, so its history patch does not mistake them for navigations. */
const NUQS_HISTORY_MARKER = "__nuqs__";
/** nuqs' App Router adapter makes three history calls per update; its rate limit is scaled by this. */
const HISTORY_CALLS_PER_UPDATE = 3;

function useGuardedAppRouterAdapter(): AdapterInterface {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const updateUrl = useCallback<UpdateUrlFunction>((search, options) => {
    // The user has moved on: the navigation wins, the pending filter update is dropped.
    if (isNavigating()) return;
    startTransition(() => {
      const { origin, pathname: path, hash } = location;
      const url = origin + path + renderQueryString(search) + hash;
      // Shallow only: every filter is read on the client, so no server round-trip is needed.
      const write = options.history === "push" ? history.pushState : history.replaceState;
      write.call(history, null, NUQS_HISTORY_MARKER, url);
      if (options.scroll) window.scrollTo(0, 0);
    });
  }, []);
  return {
    searchParams: searchParams ?? new URLSearchParams(),
    pathname,
    updateUrl,
    rateLimitFactor: HISTORY_CALLS_PER_UPDATE,
    // As nuqs' App Router adapter: the queue is reset by the next update or a navigation, not by the write.
    autoResetQueueOnUpdate: false,
  };
}

const GuardedAdapter = createAdapterProvider(useGuardedAppRouterAdapter);

/** Marks in-flight navigations as landed whenever the URL shown changes. */
function NavigationSettled() {
  const pathname = usePathname();
  const search = useSearchParams()?.toString();
  useEffect(() => navigationSettled(), [pathname, search]);
  return null;
}

export function UrlStateProvider({ children }: { children: ReactNode }) {
  return (
    <NuqsAdapter>
      <GuardedAdapter>
        <Suspense fallback={null}>
          <NavigationSettled />
        </Suspense>
        {children}
      </GuardedAdapter>
    </NuqsAdapter>
  );
}
