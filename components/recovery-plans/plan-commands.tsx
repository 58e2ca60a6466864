"use client";

import * as React from "react";
import Link from "next/link";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { CheckSquare, FlaskConical, RefreshCw, Repeat, Trash2, Zap, type LucideIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { GatedButton } from "@/components/auth/role-gate";
import type { PlanDialogProps, PlanSummary } from "./plan-dialog";

/** Each command's dialog, loaded when it first opens (forms and their schemas stay out of the page's first load). */
const PlanFailoverDialog = dynamic(() => import("./plan-failover-dialog").then((m) => m.PlanFailoverDialog));
const PlanConfirmDialog = dynamic(() => import("./plan-confirm-dialog").then((m) => m.PlanConfirmDialog));
const PlanReprotectDialog = dynamic(() => import("./plan-reprotect-dialog").then((m) => m.PlanReprotectDialog));
const PlanTestFailoverDialog = dynamic(() => import("./plan-test-failover-dialog").then((m) => m.PlanTestFailoverDialog));

export type { PlanSummary };

type Command = "failover" | "commit" | "reprotect" | "test-failover" | "cleanup-test-failover";

/** The command buttons, in the order the blade shows them, and the dialog each opens. */
const COMMANDS: { command: Command; label: string; Icon: LucideIcon; Dialog: React.ComponentType<PlanDialogProps> }[] = [
  { command: "failover", label: "Failover", Icon: Zap, Dialog: PlanFailoverDialog },
  { command: "commit", label: "Commit", Icon: CheckSquare, Dialog: (p) => <PlanConfirmDialog {...p} command="commit" /> },
  { command: "reprotect", label: "Re-protect", Icon: Repeat, Dialog: PlanReprotectDialog },
  { command: "test-failover", label: "Test failover", Icon: FlaskConical, Dialog: PlanTestFailoverDialog },
  {
    command: "cleanup-test-failover",
    label: "Cleanup test failover",
    Icon: Trash2,
    Dialog: (p) => <PlanConfirmDialog {...p} command="cleanup-test-failover" />,
  },
];

/** The commands of a recovery plan's page, each enabled as the plan verbs decide (`plans.commands`). */
export function PlanCommands({ vaultId, plan }: { vaultId: string; plan: PlanSummary }) {
  const router = useRouter();
  const [open, setOpen] = React.useState<Command | null>(null);
  const Dialog = COMMANDS.find((c) => c.command === open)?.Dialog;
  return (
    <>
      {COMMANDS.map(({ command, label, Icon }) => (
        <GatedButton
          key={command}
          variant="command"
          operation="runPlan"
          vaultId={vaultId}
          disabledReason={plan.commands[command].reason}
          onClick={() => setOpen(command)}
        >
          <Icon aria-hidden /> {label}
        </GatedButton>
      ))}
      <Button variant="command" onClick={() => router.refresh()}>
        <RefreshCw aria-hidden /> Refresh
      </Button>
      {plan.currentJobId ? (
        <Link href={`/vaults/${vaultId}/jobs/${plan.currentJobId}`} className="ml-2 text-accent hover:underline">
          View the running job
        </Link>
      ) : null}
      {/* A dialog mounts when it opens: each opening starts from fresh values. */}
      {Dialog ? <Dialog vaultId={vaultId} plan={plan} open onOpenChange={(o) => !o && setOpen(null)} /> : null}
    </>
  );
}
