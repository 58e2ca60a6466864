"use client";

import { useWatch } from "react-hook-form";
import { useTRPC } from "@/lib/trpc/client";
import type { VaultDialogProps } from "@/lib/use-operation-done";
import { useFormOperation } from "@/lib/use-form-operation";
import { OperationDialog } from "@/components/ui/dialog";
import { Checkbox, Field, FieldSet, Input, Select, SelectOptions } from "@/components/ui/field";
import { RadioGroup, RadioItem } from "@/components/ui/radio-group";
import { addMasterTargetInput, LINUX_CHECKLIST_LABELS } from "@/server/domain/infrastructure/inputs";
import { LINUX_CHECKLIST_KEYS, linuxChecklistOf } from "@/db/schema/enums";

const schema = addMasterTargetInput.omit({ vaultId: true, configurationServerId: true });
const OS_NAME = { windows: "Windows Server 2012 R2", linux: "CentOS 6.6" } as const;
const RETENTION = {
  windows: { name: "R:", fileSystem: "NTFS" },
  linux: { name: "/mnt/retention", fileSystem: "ext4" },
} as const;

export type HostOption = { id: string; name: string; vcenterName: string };
export type DatastoreOption = { id: string; name: string; freeGb: number; hostIds: string[] };

/** + Master target server: a Windows or Linux master target VM on a discovered ESXi host; the Linux setup steps are confirmed. */
export function AddMasterTargetDialog({
  configurationServerId,
  hosts,
  datastores,
  ...props
}: VaultDialogProps & { configurationServerId: string; hosts: HostOption[]; datastores: DatastoreOption[] }) {
  const trpc = useTRPC();
  const { form, dialog } = useFormOperation("infrastructure", props, {
    schema,
    defaultValues: {
      name: "",
      ip: "",
      osType: "windows",
      osName: OS_NAME.windows,
      hostId: "",
      datastoreId: "",
      diskEnableUuid: true,
      retentionVolume: { ...RETENTION.windows, capacityGb: 500 },
    },
    label: { title: "Master target server added" },
    options: (onSuccess) => trpc.infrastructure.addMasterTarget.mutationOptions({ onSuccess }),
    input: (v) => ({ vaultId: props.vaultId, configurationServerId, ...v }),
  });
  const [osType, hostId] = useWatch({ control: form.control, name: ["osType", "hostId"] });
  const errors = form.formState.errors;
  const { register, setValue } = form;
  const reachable = datastores.filter((d) => d.hostIds.includes(hostId));
  return (
    <OperationDialog
      {...dialog}
      side="right"
      title="Add master target server"
      description="The on-premises VM that receives failback data from Azure; it runs on an ESXi host discovered by the configuration server."
    >
      <Field label="Operating system" group error={errors.osType}>
        <RadioGroup
          value={osType}
          onValueChange={(v) => {
            const os = v as keyof typeof OS_NAME;
            setValue("osType", os);
            setValue("osName", OS_NAME[os]);
            setValue("retentionVolume.name", RETENTION[os].name);
            setValue("retentionVolume.fileSystem", RETENTION[os].fileSystem);
            setValue("linuxChecklist", os === "linux" ? linuxChecklistOf(false) : undefined);
          }}
        >
          <RadioItem value="windows" label="Windows" description="Installed with Unified Setup (Windows Server 2012 R2)." />
          <RadioItem value="linux" label="Linux" description="CentOS 6.6 minimal, prepared as the failback guide describes." />
        </RadioGroup>
      </Field>
      <Field label="Name" required error={errors.name}>
        <Input autoComplete="off" {...register("name")} />
      </Field>
      <Field label="Operating system version" required error={errors.osName}>
        <Input autoComplete="off" {...register("osName")} />
      </Field>
      <Field label="IP address" error={errors.ip} description="Its static IP address on-premises.">
        <Input inputMode="decimal" autoComplete="off" {...register("ip")} />
      </Field>
      <Field label="ESXi host" required error={errors.hostId} description="A host that is not on a free license.">
        <Select {...register("hostId", { onChange: () => setValue("datastoreId", "") })}>
          <SelectOptions placeholder="Select an ESXi host" items={hosts} label={(h) => `${h.name} (${h.vcenterName})`} />
        </Select>
      </Field>
      <Field label="Datastore" required error={errors.datastoreId} description="A datastore the host reaches.">
        <Select disabled={!hostId} {...register("datastoreId")}>
          <SelectOptions
            placeholder={hostId ? "Select a datastore" : "Select an ESXi host first"}
            items={reachable}
            label={(d) => `${d.name} (${d.freeGb} GB free)`}
          />
        </Select>
      </Field>
      <Checkbox label="disk.EnableUUID = TRUE is set on the VM" {...register("diskEnableUuid")} />
      {errors.diskEnableUuid ? <p className="text-danger">{errors.diskEnableUuid.message}</p> : null}
      <Field label="Retention drive" required error={errors.retentionVolume?.name}>
        <Input autoComplete="off" {...register("retentionVolume.name")} />
      </Field>
      <Field label="Retention file system" required error={errors.retentionVolume?.fileSystem} description="Not FAT or FAT32.">
        <Input autoComplete="off" {...register("retentionVolume.fileSystem")} />
      </Field>
      <Field label="Retention size (GB)" required error={errors.retentionVolume?.capacityGb}>
        <Input type="number" min={1} {...register("retentionVolume.capacityGb", { valueAsNumber: true })} />
      </Field>
      {osType === "linux" ? (
        <FieldSet legend="Linux master target setup" error={errors.linuxChecklist?.message ?? errors.linuxChecklist?.root}>
          {LINUX_CHECKLIST_KEYS.map((k) => (
            <Checkbox key={k} label={LINUX_CHECKLIST_LABELS[k]} {...register(`linuxChecklist.${k}`)} />
          ))}
        </FieldSet>
      ) : null}
    </OperationDialog>
  );
}
