"use client";

/**
 * The text controls (input, select, textarea) and what they take from their Field, apart from the
 * Field itself (field.tsx) so a grid's search box and filters do not bring the form components.
 */
import * as React from "react";
import { cn } from "@/lib/utils";

/** A text control's look; its height and width are the control's own (`width` changes the width). */
const control =
  "rounded-sm border border-border bg-bg px-2 text-[13px] text-fg placeholder:text-fg-muted disabled:bg-bg-muted disabled:text-fg-muted aria-invalid:border-danger read-only:bg-bg-muted";

/** A control's width class, the whole row unless it says otherwise (e.g. "w-48"). */
type Width = { width?: `w-${string}` };

/** The ids an aria-describedby lists, or none. */
export function ids(...list: (string | undefined | false)[]): string | undefined {
  const s = list.filter(Boolean).join(" ");
  return s || undefined;
}

export type FieldContextValue = {
  controlId: string;
  labelId: string;
  descriptionId?: string;
  errorId?: string;
  invalid: boolean;
  required: boolean;
};

/** The Field a control is in (its ids, whether it is invalid or required). */
export const FieldContext = React.createContext<FieldContextValue | null>(null);

type ControlProps = { id?: string; "aria-invalid"?: React.AriaAttributes["aria-invalid"]; "aria-describedby"?: string };

/**
 * What a control inside a Field takes from it: its id (the label's `for`), aria-invalid while the
 * field shows an error, aria-describedby pointing at the description and the error, aria-required.
 * The control's own props win.
 */
export function useFieldControl(props: ControlProps) {
  const field = React.useContext(FieldContext);
  if (!field) return {};
  return {
    id: props.id ?? field.controlId,
    "aria-invalid": props["aria-invalid"] ?? (field.invalid || undefined),
    "aria-describedby": ids(props["aria-describedby"], field.errorId, field.descriptionId),
    "aria-required": field.required || undefined,
  };
}

export function Input({ className, width = "w-full", ...props }: React.ComponentProps<"input"> & Width) {
  const field = useFieldControl(props);
  return <input data-slot="input" className={cn(control, "h-8", width, className)} {...props} {...field} />;
}

export function Select({ className, width = "w-full", ...props }: React.ComponentProps<"select"> & Width) {
  const field = useFieldControl(props);
  return <select data-slot="select" className={cn(control, "h-8 pr-6", width, className)} {...props} {...field} />;
}

export function Textarea({ className, width = "w-full", ...props }: React.ComponentProps<"textarea"> & Width) {
  const field = useFieldControl(props);
  return <textarea data-slot="textarea" className={cn(control, "h-auto min-h-16 py-1", width, className)} {...props} {...field} />;
}
