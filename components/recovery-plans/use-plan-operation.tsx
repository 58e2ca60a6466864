"use client";

import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
import { fieldErrorsOf, useOperationDone, type OperationResult } from "@/lib/use-operation-done";

/** What every plan command does when the server accepts it: a toast linking to the job, close, refresh the blade. */
export function usePlanOperationDone(vaultId: string, onClose: () => void) {
  return useOperationDone(vaultId, onClose, "plan");
}

/**
 * The mutation of a plan command: `options` gets the onSuccess to pass to the procedure's
 * mutationOptions (the toast, close and refresh of usePlanOperationDone, under `label`).
 */
export function usePlanMutation<TData extends OperationResult, TError, TVariables, TContext>(
  vaultId: string,
  onOpenChange: (open: boolean) => void,
  label: string,
  options: (onSuccess: (result: OperationResult) => void) => UseMutationOptions<TData, TError, TVariables, TContext>,
) {
  const done = usePlanOperationDone(vaultId, () => onOpenChange(false));
  return useMutation(options((r) => done(label, r)));
}

/** Per-field messages of a refused request (zod or domain), keyed by input field. */
export const planFieldErrors = fieldErrorsOf;
