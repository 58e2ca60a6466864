"use client";

import * as React from "react";
import { RadioGroup as RadioGroupPrimitive } from "radix-ui";
import { cn } from "@/lib/utils";

export function RadioGroup({ className, ...props }: React.ComponentProps<typeof RadioGroupPrimitive.Root>) {
  return <RadioGroupPrimitive.Root className={cn("grid gap-2", className)} {...props} />;
}

export function RadioItem({
  value,
  label,
  description,
  id,
  disabled,
}: {
  value: string;
  label: string;
  description?: React.ReactNode;
  id: string;
  disabled?: boolean;
}) {
  return (
    <div className="flex items-start gap-2">
      <RadioGroupPrimitive.Item
        id={id}
        value={value}
        disabled={disabled}
        className="mt-0.5 flex size-4 shrink-0 items-center justify-center rounded-full border border-fg-muted data-[state=checked]:border-accent disabled:opacity-50"
      >
        <RadioGroupPrimitive.Indicator className="size-2 rounded-full bg-accent" />
      </RadioGroupPrimitive.Item>
      <div>
        <label htmlFor={id}>{label}</label>
        {description ? <div className="text-xs text-fg-muted">{description}</div> : null}
      </div>
    </div>
  );
}
