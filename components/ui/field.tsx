import * as React from "react";
import { cn } from "@/lib/utils";

const control =
  "h-8 w-full rounded-sm border border-border bg-bg px-2 text-[13px] text-fg placeholder:text-fg-muted disabled:bg-bg-muted disabled:text-fg-muted aria-invalid:border-danger read-only:bg-bg-muted";

/** A labelled control with its description and error; ids wire label, description and error for assistive tech. */
export function Field({
  label,
  htmlFor,
  description,
  error,
  required,
  children,
  className,
}: {
  label: string;
  htmlFor: string;
  description?: React.ReactNode;
  error?: string | string[] | null;
  required?: boolean;
  children: React.ReactNode;
  className?: string;
}) {
  const errors = Array.isArray(error) ? error : error ? [error] : [];
  return (
    <div data-slot="field" className={cn("grid gap-1", className)}>
      <label htmlFor={htmlFor} className="font-semibold">
        {label}
        {required ? (
          <span aria-hidden className="text-danger">
            {" "}
            *
          </span>
        ) : null}
      </label>
      {children}
      {description ? (
        <div id={`${htmlFor}-description`} className="text-xs text-fg-muted">
          {description}
        </div>
      ) : null}
      {errors.length ? (
        <div id={`${htmlFor}-error`} role="alert" className="text-xs text-danger">
          {errors.join(" ")}
        </div>
      ) : null}
    </div>
  );
}

export function Input({ className, ...props }: React.ComponentProps<"input">) {
  return <input data-slot="input" className={cn(control, className)} {...props} />;
}

export function Select({ className, ...props }: React.ComponentProps<"select">) {
  return <select data-slot="select" className={cn(control, "pr-6", className)} {...props} />;
}

/** A select's options: the empty choice showing `placeholder`, then one option per item, valued by its id and labelled by its name unless `label` says otherwise. */
export function SelectOptions<T extends { id: string; name?: string }>({
  placeholder,
  items,
  label,
  disabled,
}: {
  placeholder: string;
  items: readonly T[];
  label?: (item: T) => string;
  disabled?: (item: T) => boolean;
}) {
  return (
    <>
      <option value="">{placeholder}</option>
      {items.map((x) => (
        <option key={x.id} value={x.id} disabled={disabled?.(x)}>
          {label ? label(x) : x.name}
        </option>
      ))}
    </>
  );
}

export function Textarea({ className, ...props }: React.ComponentProps<"textarea">) {
  return <textarea data-slot="textarea" className={cn(control, "h-auto min-h-16 py-1", className)} {...props} />;
}

export function Checkbox({ label, id, className, ...props }: React.ComponentProps<"input"> & { label: React.ReactNode; id: string }) {
  return (
    <span className={cn("inline-flex items-center gap-2", className)}>
      <input type="checkbox" id={id} className="size-4 accent-accent" {...props} />
      <label htmlFor={id}>{label}</label>
    </span>
  );
}

/** Label/value pairs of an Essentials panel; each value is labelled by its term. */
export function LabelledValue({ label, children, id }: { label: string; children: React.ReactNode; id: string }) {
  return (
    <div className="grid grid-cols-[12rem_1fr] gap-2 py-0.5">
      <dt id={`${id}-label`} className="text-fg-muted">
        {label}
      </dt>
      <dd aria-labelledby={`${id}-label`} className="m-0">
        {children}
      </dd>
    </div>
  );
}
