"use client";

import * as React from "react";
import { useFormContext, useWatch } from "react-hook-form";
import type { RouterOutputs } from "@/lib/trpc/types";
import { Field, Input, Select, SelectOptions } from "@/components/ui/field";
import type { reprotectChoices } from "@/server/domain/replicated-item/inputs";
import type { z } from "zod";

export type ReprotectOptions = RouterOutputs["items"]["reprotectOptions"];
/** An item's, or a recovery plan's over every machine (the same shape). */
export type ReprotectToAzureOptions = RouterOutputs["items"]["reprotectToAzureOptions"] | RouterOutputs["plans"]["reprotectToAzureOptions"];
type Choices = z.input<typeof reprotectChoices> & { location?: "original" | "alternate" };

/** The server's proposal for the re-protect choices (empty where it has none). */
export function reprotectChoiceDefaults(o: ReprotectOptions): Choices {
  return {
    processServerId: o.defaults.processServerId ?? "",
    masterTargetId: o.defaults.masterTargetId ?? "",
    accountId: o.defaults.accountId ?? "",
    datastoreId: o.defaults.datastoreId ?? "",
    retentionVolumeId: o.defaults.retentionVolumeId ?? "",
  };
}

/**
 * Direction, Process server, Master target server, Account, Datastore, Retention drive and Policy of
 * a re-protect from Azure to on-premises: for one item, or once for every machine of a recovery plan.
 * They read and write the form around them; choosing a master target proposes its first retention
 * drive. A list with nothing eligible says why.
 */
export function ReprotectFields({ options: o, masterTargetDescription }: { options: ReprotectOptions; masterTargetDescription?: string }) {
  const { register, setValue, getValues, control, formState } = useFormContext<Choices>();
  const errors = formState.errors;
  const masterTargetId = useWatch({ control, name: "masterTargetId" });
  const mt = o.masterTargets.find((x) => x.id === masterTargetId) ?? null;
  // The datastore takes the new disks only where a new VM is created (alternate location, physical
  // server); there, one the master target cannot use (check 4) is listed but cannot be chosen.
  const location = useWatch({ control, name: "location" }) ?? o.location.default;
  const refusalOf = React.useCallback(
    (d: ReprotectOptions["datastores"][number]) => (location === "alternate" && mt ? (d.refusalByMasterTarget[mt.id] ?? null) : null),
    [location, mt],
  );
  React.useEffect(() => {
    const current = o.datastores.find((d) => d.id === getValues("datastoreId"));
    if (current && !refusalOf(current)) return;
    const usable = o.datastores.find((d) => !refusalOf(d));
    if (current && usable) setValue("datastoreId", usable.id);
  }, [o.datastores, refusalOf, getValues, setValue]);
  return (
    <>
      <Field label="Direction">
        <Input readOnly value={o.direction} />
      </Field>

      <Field
        label="Process server"
        required
        error={errors.processServerId}
        description={o.processServersEmptyReason ?? "An Azure process server in the same network (and deployment model) as the Azure VM."}
      >
        <Select {...register("processServerId")}>
          <SelectOptions
            placeholder={o.processServers.length ? "Select a process server" : "No eligible process server"}
            items={o.processServers}
            disabled={(p) => !!p.disabledReason}
            label={(p) =>
              `${p.name} (${p.location === "azure" ? "Azure" : "on-premises, ExpressRoute"})${p.disabledReason ? ` — ${p.disabledReason}` : ""}`
            }
          />
        </Select>
      </Field>

      <Field
        label="Master target server"
        required
        error={errors.masterTargetId}
        description={o.masterTargetsEmptyReason ?? masterTargetDescription ?? "Matches the operating system of the machine."}
      >
        <Select
          {...register("masterTargetId", {
            onChange: (e: React.ChangeEvent<HTMLSelectElement>) =>
              setValue("retentionVolumeId", o.masterTargets.find((x) => x.id === e.target.value)?.retentionVolumes[0]?.id ?? "", {
                shouldDirty: true,
              }),
          })}
        >
          <SelectOptions
            placeholder={o.masterTargets.length ? "Select a master target server" : "No eligible master target server"}
            items={o.masterTargets}
            disabled={(x) => !!x.disabledReason}
            label={(x) => `${x.name} (${x.osType === "linux" ? "Linux" : "Windows"})${x.disabledReason ? ` — ${x.disabledReason}` : ""}`}
          />
        </Select>
      </Field>

      <Field
        label="Account"
        required
        error={errors.accountId}
        description={
          o.accounts.length
            ? "The run-as account Site Recovery uses for vCenter."
            : "No account is registered with the configuration server; add one."
        }
      >
        <Select {...register("accountId")}>
          <SelectOptions
            placeholder="Select an account"
            items={o.accounts}
            label={(a) => `${a.name} (${a.userName}${a.permission === "read-only" ? ", read-only" : ""})`}
          />
        </Select>
      </Field>

      <Field
        label="Datastore"
        required
        error={errors.datastoreId}
        description={
          o.datastoresEmptyReason ??
          "Used for new disks only, when the on-premises VM was deleted and must be created again; ignored when its disks exist."
        }
      >
        <Select {...register("datastoreId")}>
          <SelectOptions
            placeholder={o.datastores.length ? "Select a datastore" : "No datastores"}
            items={o.datastores}
            disabled={(d) => !!refusalOf(d)}
            label={(d) => `${d.name} (${d.freeGb} GB free of ${d.capacityGb} GB)${refusalOf(d) ? ` — ${refusalOf(d)!.reason}` : ""}`}
          />
        </Select>
      </Field>

      <Field
        label="Retention drive"
        required
        error={errors.retentionVolumeId}
        description={
          !mt ? (
            "Choose a master target server first."
          ) : (
            <>
              {mt.retentionVolumesEmptyReason ? <span className="block">{mt.retentionVolumesEmptyReason}</span> : null}
              {mt.retentionVolumesLeftOut.length ? (
                <span className="block">Left out: {mt.retentionVolumesLeftOut.map((v) => `${v.name} (${v.reason})`).join("; ")}.</span>
              ) : (
                <span className="block">Only eligible volumes are listed.</span>
              )}
            </>
          )
        }
      >
        {/* Keyed by the master target: the drives it offers mount with the select, which then shows the proposed one. */}
        <Select key={mt?.id ?? "none"} {...register("retentionVolumeId")}>
          <SelectOptions
            placeholder={mt?.retentionVolumes.length ? "Select a retention drive" : "No eligible retention drive"}
            items={mt?.retentionVolumes ?? []}
            label={(v) => `${v.name} (${v.freeGb} GB free)`}
          />
        </Select>
      </Field>

      <Field
        label="Policy"
        description={
          o.failbackPolicy
            ? `Failback policy (not editable): RPO threshold ${o.failbackPolicy.rpoThresholdMinutes} minutes, recovery point retention ${o.failbackPolicy.retentionHours} hours, app-consistent snapshots every ${o.failbackPolicy.appConsistentFrequencyMinutes} minutes.`
            : "No failback policy is associated with this item's replication policy."
        }
      >
        <Input readOnly value={o.failbackPolicy?.name ?? "—"} />
      </Field>
    </>
  );
}

/** Direction and Process server of a re-protect from on-premises to Azure, for one item or a recovery plan. */
export function ReprotectToAzureFields({ options: o }: { options: ReprotectToAzureOptions | undefined }) {
  const { register, formState } = useFormContext<{ processServerId: string }>();
  const servers = o?.processServers ?? [];
  return (
    <>
      <Field label="Direction">
        <Input readOnly value={o?.direction ?? "On-premises to Azure"} />
      </Field>
      <Field
        label="Process server"
        required
        error={formState.errors.processServerId}
        description={
          o && servers.length === 0
            ? "No on-premises process server is registered with the configuration server."
            : "The on-premises process server that sends replication data to Azure."
        }
      >
        <Select {...register("processServerId")}>
          <SelectOptions
            placeholder="Select a process server"
            items={servers}
            disabled={(p) => !!p.disabledReason}
            label={(p) => `${p.name}${p.disabledReason ? ` — ${p.disabledReason}` : ""}`}
          />
        </Select>
      </Field>
    </>
  );
}
