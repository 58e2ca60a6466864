"use client";

import * as React from "react";
import { RadioGroup as RadioGroupPrimitive } from "radix-ui";
import { cn } from "@/lib/utils";
import { useFieldGroup } from "./field";

/** A radio group; inside a `<Field group>` it is named by the field's label and described by its description and error. */
export function RadioGroup({ className, ...props }: React.ComponentProps<typeof RadioGroupPrimitive.Root>) {
  const field = useFieldGroup(props);
  return <RadioGroupPrimitive.Root data-slot="radio-group" className={cn("grid gap-2", className)} {...props} {...field} />;
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
  /** Generated when absent. */
  id?: string;
  disabled?: boolean;
}) {
  const generated = React.useId();
  const itemId = id ?? generated;
  return (
    <div data-slot="radio-group-option" className="flex items-start gap-2">
      <RadioGroupPrimitive.Item
        data-slot="radio-group-item"
        id={itemId}
        value={value}
        disabled={disabled}
        className="mt-0.5 flex size-4 shrink-0 items-center justify-center rounded-full border border-fg-muted data-[state=checked]:border-accent disabled:opacity-50"
      >
        <RadioGroupPrimitive.Indicator data-slot="radio-group-indicator" className="size-2 rounded-full bg-accent" />
      </RadioGroupPrimitive.Item>
      <div>
        <label htmlFor={itemId}>{label}</label>
        {description ? <div className="text-xs text-fg-muted">{description}</div> : null}
      </div>
    </div>
  );
}
