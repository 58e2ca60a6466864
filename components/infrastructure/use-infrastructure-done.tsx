"use client";

import * as React from "react";
import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { toast } from "@/components/ui/toaster";

/**
 * What an infrastructure command does when the server accepts it: a toast (with a link to the
 * job it started, if any), the dialog closes, the infrastructure and jobs refetch.
 */
export function useInfrastructureDone(vaultId: string, onClose: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return React.useCallback(
    (title: string, result: { jobId?: string; message?: string; warnings?: string[] }) => {
      toast.success(title, {
        description: (
          <div className="grid gap-1">
            {result.message ? <span>{result.message}</span> : null}
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
      void queryClient.invalidateQueries({ queryKey: trpc.infrastructure.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.items.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() });
    },
    [onClose, queryClient, trpc, vaultId],
  );
}
