"use client";

import * as React from "react";
import dynamic from "next/dynamic";
import { Plus, RefreshCw } from "lucide-react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { GatedButton } from "@/components/auth/role-gate";
import { useTRPC } from "@/lib/trpc/client";

/** Loaded when it first opens: the wizard and its schemas stay out of the blade's first load. */
const ReplicateWizard = dynamic(() => import("./replicate-wizard").then((m) => m.ReplicateWizard));

/** Command bar of the Replicated items blade. */
export function ReplicatedItemsCommands({ vaultId }: { vaultId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [replicating, setReplicating] = React.useState(false);
  return (
    <>
      <GatedButton variant="command" operation="enableReplication" vaultId={vaultId} onClick={() => setReplicating(true)}>
        <Plus aria-hidden /> Replicate
      </GatedButton>
      <Button variant="command" onClick={() => queryClient.invalidateQueries({ queryKey: trpc.items.list.pathKey() })}>
        <RefreshCw aria-hidden /> Refresh
      </Button>
      {replicating ? <ReplicateWizard vaultId={vaultId} open onOpenChange={setReplicating} /> : null}
    </>
  );
}
