"use client";

import * as React from "react";
import { CircleAlert } from "lucide-react";
import { cn } from "@/lib/utils";
import { FieldContext, ids, type FieldContextValue } from "./control";

export { Input, Select, Textarea, useFieldControl } from "./control";

/** A message, several, or a react-hook-form field error. */
export type FieldMessage = string | readonly string[] | { message?: string } | null | undefined;

function messagesOf(error: FieldMessage): string[] {
  if (!error) return [];
  if (typeof error === "string") return [error];
  if ("message" in error && !Array.isArray(error)) return error.message ? [error.message] : [];
  return [...(error as readonly string[])];
}

/** What a group control (a radio group) inside a Field takes from it: named by the label, described by description and error. */
export function useFieldGroup(props: { "aria-labelledby"?: string; "aria-describedby"?: string }) {
  const field = React.useContext(FieldContext);
  if (!field) return {};
  return {
    "aria-labelledby": props["aria-labelledby"] ?? field.labelId,
    "aria-describedby": ids(props["aria-describedby"], field.errorId, field.descriptionId),
    "aria-invalid": field.invalid || undefined,
    "aria-required": field.required || undefined,
  };
}

/**
 * A labelled control with its description and error messages:
 * `<Field label="Name" description="…" error={errors.name}><Input {...register("name")} /></Field>`.
 * The control gets its id, aria-invalid and aria-describedby (the error first, then the description)
 * from the Field; the error is an alert.
 * With `group`, the control is a group (a radio group) that the label names through aria-labelledby.
 */
export function Field({
  label,
  htmlFor,
  description,
  error,
  required = false,
  group = false,
  children,
  className,
}: {
  label: string;
  /** The control's id; generated when absent. */
  htmlFor?: string;
  description?: React.ReactNode;
  error?: FieldMessage;
  required?: boolean;
  group?: boolean;
  children: React.ReactNode;
  className?: string;
}) {
  const generated = React.useId();
  const controlId = htmlFor ?? generated;
  const messages = messagesOf(error);
  const value: FieldContextValue = {
    controlId,
    labelId: `${controlId}-label`,
    descriptionId: description ? `${controlId}-description` : undefined,
    errorId: messages.length ? `${controlId}-error` : undefined,
    invalid: messages.length > 0,
    required,
  };
  const marker = required ? (
    <span aria-hidden className="text-danger">
      {" "}
      *
    </span>
  ) : null;
  return (
    <FieldContext.Provider value={value}>
      <div data-slot="field" data-invalid={value.invalid || undefined} className={cn("grid gap-1", className)}>
        {group ? (
          <span data-slot="field-label" id={value.labelId} className="font-semibold">
            {label}
            {marker}
          </span>
        ) : (
          <label data-slot="field-label" id={value.labelId} htmlFor={controlId} className="font-semibold">
            {label}
            {marker}
          </label>
        )}
        {children}
        <FieldError id={value.errorId} error={messages} />
        {description ? <FieldDescription id={value.descriptionId}>{description}</FieldDescription> : null}
      </div>
    </FieldContext.Provider>
  );
}

export function FieldDescription({ className, ...props }: React.ComponentProps<"div">) {
  return <div data-slot="field-description" className={cn("text-xs text-fg-muted", className)} {...props} />;
}

/**
 * A field's error messages, announced as an alert, right under the control; nothing when there are none.
 * `size="body"` sets them in the body text's size (a form's own error, under its fields).
 */
export function FieldError({
  error,
  id,
  size = "small",
  className,
}: {
  error: FieldMessage;
  id?: string;
  size?: "small" | "body";
  className?: string;
}) {
  const messages = messagesOf(error);
  if (!messages.length) return null;
  return (
    <p
      data-slot="field-error"
      id={id}
      role="alert"
      className={cn("flex items-start gap-1 font-semibold text-danger", size === "body" ? "text-[13px]" : "text-xs", className)}
    >
      <CircleAlert aria-hidden className="mt-px size-3.5 shrink-0" />
      <span>{messages.join(" ")}</span>
    </p>
  );
}

/**
 * A group of controls with a legend (checkboxes of machines, items of a plan) and its error, which
 * the group's aria-describedby points at.
 */
export function FieldSet({
  legend,
  error,
  dense = false,
  children,
  className,
}: {
  legend: React.ReactNode;
  error?: FieldMessage;
  /** Less space between the controls (a long list). */
  dense?: boolean;
  children: React.ReactNode;
  className?: string;
}) {
  const errorId = `${React.useId()}-error`;
  const invalid = messagesOf(error).length > 0;
  return (
    <fieldset
      data-slot="field-set"
      aria-describedby={invalid ? errorId : undefined}
      className={cn("grid", dense ? "gap-1" : "gap-2", className)}
    >
      <legend data-slot="field-legend" className="mb-1 font-semibold">
        {legend}
      </legend>
      {children}
      <FieldError id={errorId} error={error} />
    </fieldset>
  );
}

/**
 * A select's options: the empty choice showing `placeholder` (when given), then one option per item,
 * valued by its id and labelled by its name unless `label` says otherwise.
 */
export function SelectOptions<T extends { id: string; name?: string }>({
  placeholder,
  items,
  label,
  disabled,
}: {
  placeholder?: string;
  items: readonly T[];
  label?: (item: T) => string;
  disabled?: (item: T) => boolean;
}) {
  return (
    <>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {items.map((x) => (
        <option key={x.id} value={x.id} disabled={disabled?.(x)}>
          {label ? label(x) : x.name}
        </option>
      ))}
    </>
  );
}

/** A checkbox with its label; the id is generated when absent. */
export function Checkbox({ label, id, className, ...props }: React.ComponentProps<"input"> & { label: React.ReactNode }) {
  const generated = React.useId();
  const inputId = id ?? generated;
  return (
    <span data-slot="checkbox-field" className={cn("inline-flex items-center gap-2", className)}>
      <input data-slot="checkbox" type="checkbox" id={inputId} className="size-4 accent-accent" {...props} />
      <label data-slot="checkbox-label" htmlFor={inputId}>
        {label}
      </label>
    </span>
  );
}

/** Label/value pairs of an Essentials panel; each value is labelled by its term. */
export function LabelledValue({ label, children, id }: { label: string; children: React.ReactNode; id: string }) {
  return (
    <div data-slot="labelled-value" className="grid grid-cols-[12rem_1fr] gap-2 py-0.5">
      <dt id={`${id}-label`} className="text-fg-muted">
        {label}
      </dt>
      <dd aria-labelledby={`${id}-label`} className="m-0">
        {children}
      </dd>
    </div>
  );
}
