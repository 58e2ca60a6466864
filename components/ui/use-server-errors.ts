"use client";

import * as React from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { fieldErrorsOf, needsBanner, placedFieldErrors } from "@/lib/forms";
import { toast } from "@/components/ui/toast";

/**
 * A refused request, read by a form: its field messages go under the form's fields (until the field
 * changes); the return is the error to show as a banner, or null when the fields say it all.
 */
export function useServerErrors<T extends FieldValues>(form: UseFormReturn<T, unknown, FieldValues>, error: unknown): unknown {
  const fields = Object.keys(form.getValues() ?? {});
  const { setError, getValues } = form;
  React.useEffect(() => {
    const placed = placedFieldErrors(error, Object.keys(getValues() ?? {}));
    for (const [name, messages] of Object.entries(placed)) setError(name as Path<T>, { type: "server", message: messages.join(" ") });
  }, [error, setError, getValues]);
  return needsBanner(error, fields) ? error : null;
}

/** A form's onError where no banner is shown: a refusal with no field to show it under is a toast. */
export function toastUnlessFieldErrors(err: { message: string }): void {
  if (!Object.keys(fieldErrorsOf(err)).length) toast.error(err.message);
}
