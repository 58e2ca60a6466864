"use client";

import { Progress as ProgressPrimitive } from "radix-ui";

export function Progress({ value, label }: { value: number; label: string }) {
  const v = Math.max(0, Math.min(100, value));
  return (
    <ProgressPrimitive.Root value={v} aria-label={label} className="relative h-1.5 w-full overflow-hidden rounded-full bg-bg-muted">
      <ProgressPrimitive.Indicator className="h-full bg-accent transition-[width]" style={{ width: `${v}%` }} />
    </ProgressPrimitive.Root>
  );
}
