"use client";

import * as React from "react";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "@/lib/trpc/client";
import type { VaultChangeEvent } from "@/server/api/routers/changes";

export type { VaultChangeEvent };
type Listener = (event: VaultChangeEvent) => void;

const VaultChangesContext = React.createContext<{ subscribe: (listener: Listener) => () => void } | null>(null);

/**
 * The vault's change feed, one SSE stream per tab (the blades of the vault share it): each event
 * names what changed (items, jobs, plans, by id) after it was committed, and "resync" on every
 * (re)connection. Blades listen with useRefetchOnChange.
 */
export function VaultChangesProvider({ vaultId, children }: { vaultId: string; children: React.ReactNode }) {
  const trpc = useTRPC();
  const [listeners] = React.useState(() => new Set<Listener>());
  useSubscription(
    trpc.changes.onVault.subscriptionOptions(
      { vaultId },
      {
        onData: (event) => {
          for (const listener of listeners) listener(event.data);
        },
      },
    ),
  );
  const value = React.useMemo(
    () => ({
      subscribe: (listener: Listener) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    }),
    [listeners],
  );
  return <VaultChangesContext.Provider value={value}>{children}</VaultChangesContext.Provider>;
}

/** Whether an event of `kind` may concern the rows shown (`ids`), or counts and filtered lists. */
export function touches(event: VaultChangeEvent, kind: VaultChangeEvent["kind"], shown?: Iterable<string>, orCounts = true): boolean {
  if (event.kind === "resync") return true;
  if (event.kind !== kind) return false;
  if (event.ids === null || (orCounts && event.counts)) return true;
  if (!shown) return false;
  const ids = new Set(event.ids);
  for (const id of shown) if (ids.has(id)) return true;
  return false;
}

/**
 * Whether an event may concern an infrastructure page (a configuration server, process server,
 * master target or vCenter): any change of the vault's infrastructure or Lab switches (they change
 * what the fabric answers), or a job's status or an item's state, which those pages list.
 */
export function touchesInfrastructure(event: VaultChangeEvent): boolean {
  return touches(event, "infrastructure") || touches(event, "lab") || touches(event, "job") || touches(event, "item");
}

/**
 * Refetches when a change event matches: one refetch in flight at a time, and a match during it
 * asks for exactly one more after it (so a change committed while a fetch was reading is never
 * lost); `minIntervalMs` spaces refetches of a view whose rows change many times a second.
 */
export function useRefetchOnChange(matches: (event: VaultChangeEvent) => boolean, refetch: () => Promise<unknown>, minIntervalMs = 0) {
  const feed = React.useContext(VaultChangesContext);
  const latest = React.useRef({ matches, refetch });
  React.useEffect(() => {
    latest.current = { matches, refetch };
  });
  React.useEffect(() => {
    if (!feed) return;
    let running = false;
    let again = false;
    let disposed = false;
    let lastStart = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const start = () => {
      const wait = lastStart + minIntervalMs - Date.now();
      if (wait > 0) {
        timer = setTimeout(start, wait);
        return;
      }
      lastStart = Date.now();
      void latest.current
        .refetch()
        .catch(() => undefined)
        .finally(() => {
          if (disposed) return;
          if (again) {
            again = false;
            start();
          } else running = false;
        });
    };
    const stop = feed.subscribe((event) => {
      if (!latest.current.matches(event)) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      start();
    });
    return () => {
      disposed = true;
      clearTimeout(timer);
      stop();
    };
  }, [feed, minIntervalMs]);
}
