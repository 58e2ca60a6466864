"use client";

import * as React from "react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { Plus, RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { GatedButton } from "@/components/auth/role-gate";

/** Loaded when it first opens: the form and its schema stay out of the blade's first load. */
const CreatePlanDialog = dynamic(() => import("./create-plan-dialog").then((m) => m.CreatePlanDialog));

/** Command bar of the Recovery Plans blade: + Recovery plan, Refresh. */
export function RecoveryPlansCommands({ vaultId }: { vaultId: string }) {
  const [open, setOpen] = React.useState(false);
  const router = useRouter();
  return (
    <>
      <GatedButton variant="command" operation="editPlans" vaultId={vaultId} onClick={() => setOpen(true)}>
        <Plus aria-hidden /> Recovery plan
      </GatedButton>
      <Button variant="command" onClick={() => router.refresh()}>
        <RefreshCw aria-hidden /> Refresh
      </Button>
      {open ? <CreatePlanDialog vaultId={vaultId} open={open} onOpenChange={setOpen} /> : null}
    </>
  );
}
