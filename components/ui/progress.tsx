"use client";

import { Progress as ProgressPrimitive } from "radix-ui";

export function Progress({ value, label }: { value: number; label: string }) {
  const v = Math.max(0, Math.min(100, value));
  return (
    <ProgressPrimitive.Root
      data-slot="progress"
      value={v}
      aria-label={label}
      className="relative h-1.5 w-full overflow-hidden rounded-full bg-bg-muted"
    >
      <ProgressPrimitive.Indicator
        data-slot="progress-indicator"
        className="h-full bg-accent transition-[width]"
        style={{ width: `${v}%` }}
      />
    </ProgressPrimitive.Root>
  );
}
