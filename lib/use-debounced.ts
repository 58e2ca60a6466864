"use client";

import { useCallback, useEffect, useRef } from "react";

/** Calls `fn` once typing pauses; a pending call is dropped when the component unmounts. */
export function useDebouncedUrlUpdate<T>(fn: (value: T) => void, delayMs = 250): (value: T) => void {
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
