"use client";

import * as React from "react";
import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
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

/**
 * A form's mutation (`trpc.x.y.mutationOptions()`): a success resets the form and calls `onSuccess`;
 * a refusal's field messages go under the form's fields, any other refusal is a toast.
 */
export function useFormMutation<T extends FieldValues, TData, TError extends { message: string }, TVariables, TContext>(
  form: UseFormReturn<T, unknown, FieldValues>,
  options: UseMutationOptions<TData, TError, TVariables, TContext>,
  onSuccess: (data: TData) => void,
) {
  const mutation = useMutation({
    ...options,
    onSuccess: (data) => {
      form.reset();
      onSuccess(data);
    },
    onError: toastUnlessFieldErrors,
  });
  useServerErrors(form, mutation.error);
  return mutation;
}
