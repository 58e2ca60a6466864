"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { toast } from "@/components/ui/toaster";

export type PlanOperationResult = { jobId?: string; warnings?: string[] };

/** What every plan command does when the server accepts it: a toast linking to the job, close, refresh the blade. */
export function usePlanOperationDone(vaultId: string, onClose: () => void) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  return React.useCallback(
    (label: string, result: PlanOperationResult) => {
      toast.success(`${label} started`, {
        description: (
          <div className="grid gap-1">
            {(result.warnings ?? []).map((w) => (
              <span key={w}>{w}</span>
            ))}
            {result.jobId ? (
              <Link
                href={`/vaults/${vaultId}/jobs/${result.jobId}`}
                className="text-accent underline"
              >
                View job
              </Link>
            ) : null}
          </div>
        ),
      });
      onClose();
      void queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.items.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() });
      router.refresh();
    },
    [onClose, queryClient, router, trpc, vaultId],
  );
}

/** Per-field messages of a refused request (zod or domain), keyed by input field. */
export function planFieldErrors(err: unknown): Record<string, string[]> {
  const e = err as {
    data?: { fieldErrors?: Record<string, string[] | undefined> | null };
  } | null;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(e?.data?.fieldErrors ?? {}))
    if (v?.length) out[k] = v;
  return out;
}
