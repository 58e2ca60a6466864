"use client";

import * as React from "react";
import Link from "next/link";
import dynamic from "next/dynamic";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { ArrowLeftRight, CheckSquare, Clock, FlaskConical, Layers, Power, RefreshCcw, ShieldCheck, Trash2, Zap } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { GatedButton } from "@/components/auth/role-gate";
import { Progress } from "@/components/ui/progress";
import type { ItemCommand, Verdict } from "@/server/domain/replicated-item/state";
import type { Operation as RoleOperation } from "@/server/domain/users/roles";
import type { ItemData, ItemDialogProps } from "./item-dialog";

export type CommandKey = ItemCommand | "groupFailover";

type Command = {
  key: ItemCommand;
  label: string;
  icon: React.ComponentType<{ "aria-hidden"?: boolean }>;
  role: RoleOperation;
};

/**
 * How each of the item's commands looks. Which commands there are (the domain's ITEM_COMMANDS, in
 * the Azure portal's order), the operation each runs (Re-protect's direction) and whether it is
 * allowed come from the read model (`itemCommandVerdicts`, the state machine the verbs use).
 */
const LOOK: Record<ItemCommand, Omit<Command, "key">> = {
  failover: { label: "Failover", icon: Zap, role: "failover" },
  unplannedFailover: { label: "Unplanned failover", icon: ArrowLeftRight, role: "unplannedFailover" },
  commit: { label: "Commit", icon: CheckSquare, role: "commit" },
  reprotect: { label: "Re-protect", icon: ShieldCheck, role: "reprotect" },
  testFailover: { label: "Test failover", icon: FlaskConical, role: "testFailover" },
  cleanupTestFailover: { label: "Cleanup test failover", icon: Trash2, role: "cleanupTestFailover" },
  changeRecoveryPoint: { label: "Change recovery point", icon: Clock, role: "changeRecoveryPoint" },
  disableReplication: { label: "Disable replication", icon: Power, role: "disableReplication" },
};

function reasonOf(v: Verdict | undefined): string | null {
  if (!v) return "This operation is not available.";
  if (v.allowed) return null;
  return [v.reason, v.recommendedAction].filter(Boolean).join(" ");
}

/** The item blade's command bar: every command, enabled only when the state and the user's role allow it. */
export function ItemCommands({ vaultId, data }: { vaultId: string; data: ItemData }) {
  const [open, setOpen] = React.useState<CommandKey | null>(null);
  const dialog = (key: CommandKey) => ({ vaultId, data, open: open === key, onOpenChange: (o: boolean) => setOpen(o ? key : null) });
  // A dialog mounts when it opens: each opening starts from fresh values.
  return (
    <>
      {(Object.keys(data.commands) as ItemCommand[]).map((key) => {
        const c = { key, ...LOOK[key] };
        const Icon = c.icon;
        return (
          <GatedButton
            key={c.key}
            variant="command"
            operation={c.role}
            vaultId={vaultId}
            disabledReason={reasonOf(data.commands[c.key])}
            onClick={() => setOpen(c.key)}
          >
            <Icon aria-hidden /> {c.label}
          </GatedButton>
        );
      })}
      {data.groupFailover ? (
        // In a replication group: the whole group fails over together (multi-VM consistency), in the item's direction.
        <GatedButton
          variant="command"
          operation={data.groupFailover.direction === "to-on-premises" ? "unplannedFailover" : "failover"}
          vaultId={vaultId}
          disabledReason={data.groupFailover.allowed ? null : (data.groupFailover.reason ?? "This operation is not available.")}
          onClick={() => setOpen("groupFailover")}
        >
          <Layers aria-hidden /> Failover group
        </GatedButton>
      ) : null}
      {open ? <CommandDialog command={open} {...dialog(open)} /> : null}
    </>
  );
}

/** Each command's dialog, loaded when it first opens (forms and their schemas stay out of the page's first load). */
const DIALOGS: Record<CommandKey, React.ComponentType<ItemDialogProps>> = {
  failover: dynamic(() => import("./failover-dialog").then((m) => m.FailoverDialog)),
  unplannedFailover: dynamic(() => import("./unplanned-failover-dialog").then((m) => m.UnplannedFailoverDialog)),
  commit: dynamic(() => import("./commit-dialog").then((m) => m.CommitDialog)),
  reprotect: dynamic(() => import("./reprotect-dialog").then((m) => m.ReprotectDialog)),
  testFailover: dynamic(() => import("./test-failover-dialog").then((m) => m.TestFailoverDialog)),
  cleanupTestFailover: dynamic(() => import("./cleanup-test-failover-dialog").then((m) => m.CleanupTestFailoverDialog)),
  changeRecoveryPoint: dynamic(() => import("./change-recovery-point-dialog").then((m) => m.ChangeRecoveryPointDialog)),
  disableReplication: dynamic(() => import("./disable-replication-dialog").then((m) => m.DisableReplicationDialog)),
  groupFailover: dynamic(() => import("./group-failover-dialog").then((m) => m.GroupFailoverDialog)),
};

/** The dialog of one command (the command bar and the round-trip map open the same ones). */
export function CommandDialog({ command, ...props }: ItemDialogProps & { command: CommandKey }) {
  const Dialog = DIALOGS[command];
  return <Dialog {...props} />;
}

/** While a job runs on the item: its name, progress and a link to the job page. */
export function ItemJobProgress({ vaultId, jobId }: { vaultId: string; jobId: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const job = useQuery({ ...trpc.jobs.get.queryOptions({ vaultId, jobId: jobId ?? "" }), enabled: !!jobId });
  // Live progress from the job's own stream (the job page's), not a poll; it ends when the job does.
  useSubscription(
    trpc.jobs.onUpdate.subscriptionOptions(
      { vaultId, jobId: jobId ?? "" },
      {
        enabled: !!jobId,
        onData: (details) => queryClient.setQueryData(trpc.jobs.get.queryKey({ vaultId, jobId: jobId ?? "" }), details),
      },
    ),
  );
  if (!jobId || !job.data) return null;
  const { job: j, progressPercent, steps } = job.data;
  const current = steps.find((s) => s.status === "in-progress" || s.status === "waiting-for-input");
  return (
    <div
      role="status"
      aria-label="Running job"
      className="mb-3 flex max-w-2xl flex-wrap items-center gap-x-3 gap-y-1 border-l-4 border-accent bg-bg-subtle p-3"
    >
      <RefreshCcw aria-hidden className="size-4 animate-spin text-accent motion-reduce:animate-none" />
      <Link href={`/vaults/${vaultId}/jobs/${j.id}`} className="font-semibold text-accent hover:underline">
        {j.name}
      </Link>
      <span className="text-fg-muted">
        {Math.floor(progressPercent)}%{current ? ` · ${current.name}` : ""}
      </span>
      <div className="w-full">
        <Progress value={progressPercent} label={`${j.name} progress`} />
      </div>
    </div>
  );
}
