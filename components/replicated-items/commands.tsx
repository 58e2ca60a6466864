"use client";

import { RefreshCw } from "lucide-react";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/client";

/** Command bar of the Replicated items blade. */
export function ReplicatedItemsCommands({ vaultId: _vaultId }: { vaultId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (
    <Button variant="command" onClick={() => queryClient.invalidateQueries({ queryKey: trpc.items.list.pathKey() })}>
      <RefreshCw aria-hidden /> Refresh
    </Button>
  );
}
