"use client";

import { useCallback, useEffect, useRef } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

/** Filters live in the URL so a filtered blade is linkable and survives a reload. */
export function useUrlParams<K extends string>(
  keys: readonly K[],
): [Partial<Record<K, string>>, (patch: Partial<Record<K, string | undefined>>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const values: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = params.get(k);
    if (v) values[k] = v;
  }
  const set = useCallback(
    (patch: Partial<Record<K, string | undefined>>) => {
      const next = new URLSearchParams(params);
      for (const [k, v] of Object.entries(patch) as [string, string | undefined][]) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
    },
    [params, pathname, router],
  );
  return [values, set];
}

/** Calls `fn` once typing pauses; a pending call is dropped when the component unmounts. */
export function useDebounced<T>(fn: (value: T) => void, delayMs = 250): (value: T) => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(
    (value: T) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => latest.current(value), delayMs);
    },
    [delayMs],
  );
}
