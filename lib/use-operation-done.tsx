"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { toast } from "@/components/ui/toaster";

export type OperationResult = { jobId?: string; warnings?: string[] };

/**
 * What a command does when the server accepts it: a toast that links to the job, the dialog
 * closes, the items and jobs refetch. A plan command (`scope` "plan") also refetches the plans
 * and refreshes the blade.
 */
export function useOperationDone(vaultId: string, onClose: () => void, scope: "item" | "plan") {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  return React.useCallback(
    (label: string, result: OperationResult) => {
      toast.success(`${label} started`, {
        description: (
          <div className="grid gap-1">
            {(result.warnings ?? []).map((w) => (
              <span key={w}>{w}</span>
            ))}
            {result.jobId ? (
              <Link href={`/vaults/${vaultId}/jobs/${result.jobId}`} className="text-accent underline">
                View job
              </Link>
            ) : null}
          </div>
        ),
      });
      onClose();
      if (scope === "plan") void queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.items.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() });
      if (scope === "plan") router.refresh();
    },
    [onClose, queryClient, router, scope, trpc, vaultId],
  );
}

/** Per-field messages of a refused request (zod or domain), keyed by input field. */
export function fieldErrorsOf(err: unknown): Record<string, string[]> {
  const e = err as { data?: { fieldErrors?: Record<string, string[] | undefined> | null } } | null;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(e?.data?.fieldErrors ?? {})) if (v?.length) out[k] = v;
  return out;
}
