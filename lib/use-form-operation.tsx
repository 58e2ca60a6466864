"use client";

import type { UseMutationOptions } from "@tanstack/react-query";
import type { DefaultValues, FieldValues } from "react-hook-form";
import type { z } from "zod";
import { useSchemaForm } from "@/components/ui/form";
import { useServerErrors } from "@/components/ui/use-server-errors";
import {
  useOperation,
  type OperationLabel,
  type OperationResult,
  type OperationScope,
  type VaultDialogProps,
} from "@/lib/use-operation-done";

/**
 * A command dialog with fields: the react-hook-form form over `schema` (a `.pick()` of the verb's
 * input schema) and the mutation it submits. `input` turns the validated values into the verb's
 * input; `dialog` is what the OperationDialog takes (the form, the submit, the banner of a refusal
 * whose field messages did not all go under a field).
 */
export function useFormOperation<S extends z.ZodType<FieldValues, FieldValues>, TData extends object, TError, TVariables, TContext>(
  scope: OperationScope,
  props: VaultDialogProps,
  {
    schema,
    defaultValues,
    values,
    label,
    options,
    input,
  }: {
    schema: S;
    defaultValues?: DefaultValues<z.input<S>>;
    /** Values that arrive later (from a query); what the user changed is kept. */
    values?: z.input<S>;
    label: OperationLabel;
    options: (onSuccess: (result: OperationResult) => void) => UseMutationOptions<TData, TError, TVariables, TContext>;
    input: (values: z.output<S>) => TVariables;
  },
) {
  const form = useSchemaForm(schema, { defaultValues, values, resetOptions: { keepDirtyValues: true } });
  const { mutation, dialog } = useOperation(scope, props, label, options);
  const error = useServerErrors(form, mutation.error);
  return {
    form,
    mutation,
    dialog: { ...dialog, form, error, onSubmit: form.handleSubmit((v) => mutation.mutate(input(v))) },
  };
}
