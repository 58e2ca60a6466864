"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useTRPC } from "@/lib/trpc/client";
import { touches, useRefetchOnChange } from "@/lib/vault-changes";
import { useCan } from "@/components/auth/role-gate";
import { Section } from "@/components/shell/blade";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { toast } from "@/components/ui/toast";
import { formatTime } from "@/lib/labels";
import type { FaultKey } from "@/db/schema/enums";
import type { FaultTargetKind, FaultTargetObject } from "@/server/domain/lab/faults";

/** The speed form (react-hook-form) loads after the blade's first script. */
const SimulationSpeed = dynamic(() => import("./simulation-speed").then((m) => m.SimulationSpeed));

/** What each switch breaks. Labels and the kind of object a switch is aimed at come from the server (ui-contract names, `FAULT_TARGET`). */
const FAULT_EXPLANATION: Record<FaultKey, string> = {
  "process-server-heartbeat-lost":
    "The process server stops sending heartbeats (error 806): re-protect and failback through it are refused.",
  "vcenter-account-read-only":
    "The vCenter run-as account can only read: VMs are still discovered, but no datastores are listed, so Re-protect has nothing to offer.",
  "vm-has-snapshots": "The on-premises VM has snapshots: re-protect to on-premises fails until they are deleted.",
  "free-esxi-license": "The ESXi host runs a free license: failover to Azure still works, failback does not.",
  "vpn-down": "The Azure network loses its VPN to on-premises: failback has no path.",
  "vm-missing-from-cs-database":
    "The configuration server's database no longer knows the VM (e.g. restored from an old backup): failback fails.",
  "datastore-unreachable-from-mt-host":
    "The master target's ESXi host can no longer reach the datastore: the original location and new disks there are refused.",
  "mt-disk-enableuuid-false": "The master target VM has disk.EnableUUID = FALSE: its disks do not mount consistently, failback is refused.",
  "mt-storage-vmotioned":
    "The master target was moved with storage vMotion: the failback VM cannot be created because its disks are not available.",
  "mt-missing-xfs-reiserfs-packages":
    "The Linux master target lacks the XFS/ReiserFS packages: machines with such a root or boot volume cannot fail back.",
  "process-server-cannot-reach-cs":
    "The process server cannot reach the configuration server on port 443: re-protect fails (test with telnet and ping).",
  "mt-cloned-from-vm-template":
    "The master target was cloned from the VM template the machines were created from: their disk UUIDs clash, re-protect through it is refused.",
  "vcenter-disconnected":
    "The vCenter server is disconnected from the configuration server: failback through it is refused before anything is shut down.",
  "retained-ip-without-failback-nic":
    "The machine kept its IP addresses at failover and the configuration server has no second NIC for failback traffic: re-protect is refused.",
};

const TARGET_NOUN: Record<FaultTargetKind, string> = {
  processServer: "process servers",
  masterTarget: "master target servers",
  vcenter: "vCenter servers",
  host: "ESXi hosts",
  datastore: "datastores",
  network: "Azure networks",
  machine: "machines",
};

export function LabBlade({ vaultId }: { vaultId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // No polling: refetched when the vault's change feed names a switch, the speed or the infrastructure (the Target lists).
  const lab = useQuery(trpc.lab.get.queryOptions({ vaultId }));
  useRefetchOnChange((e) => touches(e, "lab") || touches(e, "infrastructure"), lab.refetch);
  const can = useCan("lab", vaultId);
  const invalidate = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.lab.pathKey() });
    // Faults change what the fabric answers: items and infrastructure views refetch.
    void queryClient.invalidateQueries({ queryKey: trpc.items.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.infrastructure.pathKey() });
  };
  const onError = (err: unknown) =>
    toast.error(errorFieldsOf(err).message, { description: errorFieldsOf(err).recommendedAction ?? undefined });
  const setFault = useMutation(trpc.lab.setFault.mutationOptions({ onSuccess: invalidate, onError }));
  const clearFault = useMutation(trpc.lab.clearFault.mutationOptions({ onSuccess: invalidate, onError }));

  if (lab.error) return <ErrorDetails error={errorFieldsOf(lab.error)} />;
  if (!lab.data) return <p className="text-fg-muted">Loading…</p>;
  const readOnly = !can.allowed;
  const targets = lab.data.targets;
  const nameOf = (kind: FaultTargetKind, id: string) =>
    id === "*" ? `all ${TARGET_NOUN[kind]}` : (targets[kind].find((t) => t.id === id)?.name ?? id);

  return (
    <>
      {readOnly && can.reason ? (
        <p role="note" className="mb-3 border-l-4 border-warning bg-bg-subtle p-2">
          {can.reason}
        </p>
      ) : null}
      <SimulationSpeed vaultId={vaultId} speed={lab.data.speed} disabledReason={readOnly ? can.reason : null} onChanged={invalidate} />
      <Section title="Fault switches">
        <p className="mb-3 text-fg-muted">
          Each switch injects a fault into the simulated infrastructure. Aim it at one object, or leave “All” to break every object of its
          kind.
        </p>
        <ul className="grid gap-3">
          {lab.data.faults.map((f) => {
            return (
              <FaultRow
                key={f.fault}
                fault={f.fault}
                label={f.label}
                explanation={FAULT_EXPLANATION[f.fault]}
                kind={f.target}
                targets={targets[f.target]}
                enabledTargets={f.targets}
                nameOf={(id) => nameOf(f.target, id)}
                disabled={readOnly || setFault.isPending || clearFault.isPending}
                onEnable={(targetId) => setFault.mutate({ vaultId, fault: f.fault, targetId })}
                onDisable={(targetId) => clearFault.mutate({ vaultId, fault: f.fault, targetId })}
              />
            );
          })}
        </ul>
      </Section>
    </>
  );
}

function FaultRow({
  fault,
  label,
  explanation,
  kind,
  targets,
  enabledTargets,
  nameOf,
  disabled,
  onEnable,
  onDisable,
}: {
  fault: string;
  label: string;
  explanation: string;
  kind: FaultTargetKind;
  targets: FaultTargetObject[];
  enabledTargets: { targetId: string; enabledAt: Date | string }[];
  nameOf: (id: string) => string;
  disabled: boolean;
  onEnable: (targetId: string) => void;
  onDisable: (targetId: string) => void;
}) {
  const [target, setTarget] = React.useState("*");
  const on = enabledTargets.length > 0;
  const id = `fault-${fault}`;
  return (
    <li className="grid gap-1 border-b border-border-subtle pb-3">
      <div className="flex flex-wrap items-center gap-3">
        <Switch
          id={id}
          checked={on}
          disabled={disabled}
          aria-describedby={`${id}-explanation`}
          onCheckedChange={(checked) => {
            if (checked) onEnable(target);
            else for (const t of enabledTargets) onDisable(t.targetId);
          }}
        />
        <label htmlFor={id} className="font-semibold">
          {label}
        </label>
        <span className="ml-auto inline-flex items-center gap-2">
          <label htmlFor={`${id}-target`} className="text-xs text-fg-muted">
            Target
          </label>
          <Select id={`${id}-target`} width="w-56" value={target} disabled={disabled} onChange={(e) => setTarget(e.target.value)}>
            <option value="*">All {TARGET_NOUN[kind]}</option>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
          {/* Aiming at one more object: not while the switch is on for all of them (it would change nothing). */}
          {on && !enabledTargets.some((t) => t.targetId === target || t.targetId === "*") ? (
            <Button type="button" size="sm" disabled={disabled} onClick={() => onEnable(target)}>
              Add target
            </Button>
          ) : null}
        </span>
      </div>
      <p id={`${id}-explanation`} className="text-xs text-fg-muted">
        {explanation}
      </p>
      {on ? (
        <ul aria-label={`${label}: on for`} className="flex flex-wrap gap-2 text-xs">
          {enabledTargets.map((t) => (
            <li key={t.targetId} className="inline-flex items-center gap-1 rounded-sm border border-border px-2 py-0.5">
              On for {nameOf(t.targetId)} since {formatTime(t.enabledAt)}
              <button
                type="button"
                className="text-accent hover:underline disabled:opacity-50"
                disabled={disabled}
                onClick={() => onDisable(t.targetId)}
                aria-label={`Turn off for ${nameOf(t.targetId)}`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
