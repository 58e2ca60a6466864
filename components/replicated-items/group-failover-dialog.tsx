"use client";

import { useTRPC } from "@/lib/trpc/client";
import { useFormOperation } from "@/lib/use-form-operation";
import { OperationDialog } from "@/components/ui/dialog";
import { failoverReplicationGroupInput } from "@/server/domain/replicated-item/inputs";
import { formatTime } from "@/lib/labels";
import { FailoverRoute } from "./failover-dialog";
import type { ItemDialogProps } from "./item-dialog";
import { RecoveryPointPicker } from "./recovery-point-picker";

/**
 * Failover of the item's whole replication group (multi-VM consistency), in the item's direction:
 * every member fails over together to one common multi-VM point; the members are listed, the
 * choices without a common point are shown unavailable with why.
 */
export function GroupFailoverDialog(props: ItemDialogProps) {
  const { vaultId, data } = props;
  const group = data.groupFailover!;
  const back = group.direction === "to-on-premises";
  const trpc = useTRPC();
  const firstAvailable = group.choices.find((c) => c.available)?.choice ?? "latest-multi-vm-processed";
  const { dialog } = useFormOperation("item", props, {
    schema: failoverReplicationGroupInput.pick({ recoveryPoint: true }),
    defaultValues: { recoveryPoint: firstAvailable },
    label: "Replication group failover",
    options: (onSuccess) => trpc.items.failoverReplicationGroup.mutationOptions({ onSuccess }),
    input: (v) => ({ vaultId, replicationGroup: group.name, direction: group.direction, recoveryPoint: v.recoveryPoint }),
  });
  const names = group.members.map((m) => m.name).join(", ");
  return (
    <OperationDialog
      {...dialog}
      title={back ? "Confirm failover of the replication group" : "Failover of the replication group"}
      description={`Replication group ${group.name}: ${group.members.length} machines fail over together.`}
    >
      <FailoverRoute
        idPrefix="group-failover"
        direction={back ? "Azure → On-premises" : "On-premises → Microsoft Azure"}
        from={back ? "Microsoft Azure" : "On-premises"}
        to={back ? "On-premises" : "Microsoft Azure"}
      />
      <p role="note" className="border-l-4 border-info bg-bg-subtle p-2">
        Multi-VM consistency: every member of {group.name} ({names}) fails over together, to one common recovery point in time, each with
        its own job. If one member cannot fail over, none does. To fail over {data.item.name} alone, use{" "}
        {back ? "Unplanned failover" : "Failover"} instead.
        {back ? " The Azure virtual machines are shut down before the on-premises machines start (split-brain guard)." : ""}
      </p>
      <ul aria-label="Members of the replication group" className="grid gap-1">
        {group.members.map((m) => (
          <li key={m.id}>
            <span className="font-semibold">{m.name}</span> · {m.stateLabel}
            {m.reason ? <span className="text-danger"> · {m.reason}</span> : null}
          </li>
        ))}
      </ul>
      <RecoveryPointPicker
        choices={group.choices.map((c) => c.choice)}
        unavailable={Object.fromEntries(group.choices.filter((c) => !c.available).map((c) => [c.choice, c.reason ?? ""]))}
      />
      <ul aria-label="Common recovery points" className="text-xs text-fg-muted">
        {group.choices
          .filter((c) => c.available && c.at)
          .map((c) => (
            <li key={c.choice}>
              {c.choice === "latest-multi-vm-processed" ? "Latest multi-VM processed" : "Latest multi-VM app-consistent"}:{" "}
              {formatTime(c.at!)}
            </li>
          ))}
      </ul>
    </OperationDialog>
  );
}
