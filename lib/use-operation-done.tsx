"use client";

import * as React from "react";
import { ToastLink } from "@/components/ui/toast-link";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient, type UseMutationOptions } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { toast } from "@/components/ui/toast";

export type OperationResult = { jobId?: string; warnings?: string[]; message?: string };

/** What a command acts on: it decides what refetches once the command is accepted. */
export type OperationScope = "item" | "plan" | "infrastructure" | "policy";

/** The props of every dialog of a vault: it opens and closes under its opener's control. */
export type VaultDialogProps = { vaultId: string; open: boolean; onOpenChange: (open: boolean) => void };

/**
 * What a command does when the server accepts it: a toast under `title` (the result's message and
 * warnings, a link to the job), the dialog closes, the items and jobs refetch. A plan command
 * (`scope` "plan") also refetches the plans and refreshes the blade; an infrastructure command
 * refetches the infrastructure, a policy command the replication policies.
 */
export function useOperationDone(vaultId: string, onClose: () => void, scope: OperationScope) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  return React.useCallback(
    (title: string, result: OperationResult) => {
      toast.success(title, {
        description: (
          <div className="grid gap-1">
            {result.message ? <span>{result.message}</span> : null}
            {(result.warnings ?? []).map((w) => (
              <span key={w}>{w}</span>
            ))}
            {result.jobId ? <ToastLink href={`/vaults/${vaultId}/jobs/${result.jobId}`}>View job</ToastLink> : null}
          </div>
        ),
      });
      onClose();
      if (scope === "plan") void queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
      if (scope === "infrastructure") void queryClient.invalidateQueries({ queryKey: trpc.infrastructure.pathKey() });
      if (scope === "policy") void queryClient.invalidateQueries({ queryKey: trpc.policies.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.items.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() });
      if (scope === "plan") router.refresh();
    },
    [onClose, queryClient, router, scope, trpc, vaultId],
  );
}

/** The toast of an accepted command: "<label> started" for a label, or the whole `title`. */
export type OperationLabel = string | { title: string };
const titleOf = (label: OperationLabel) => (typeof label === "string" ? `${label} started` : label.title);

/**
 * The mutation of a command dialog, and what its OperationDialog takes from it (`dialog`): closing
 * the dialog clears a refusal; `options` gets the onSuccess to pass to the procedure's
 * mutationOptions (the toast, close and refetch of useOperationDone, under `label`).
 */
export function useOperation<TData extends object, TError, TVariables, TContext>(
  scope: OperationScope,
  { vaultId, open, onOpenChange }: VaultDialogProps,
  label: OperationLabel,
  options: (onSuccess: (result: OperationResult) => void) => UseMutationOptions<TData, TError, TVariables, TContext>,
) {
  const done = useOperationDone(vaultId, () => onOpenChange(false), scope);
  const mutation = useMutation(options((r) => done(titleOf(label), r)));
  const dialog = {
    open,
    onOpenChange: (o: boolean) => {
      if (!o) mutation.reset();
      onOpenChange(o);
    },
    error: mutation.error as unknown,
    pending: mutation.isPending,
  };
  return { mutation, dialog };
}
