"use client";

import * as React from "react";
import { ToastLink } from "@/components/ui/toast-link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useForm, useWatch } from "react-hook-form";
import { Info } from "lucide-react";
import type { z } from "zod";
import { useTRPC } from "@/lib/trpc/client";
import { soleId } from "@/lib/forms";
import type { VaultDialogProps } from "@/lib/use-operation-done";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/dialog";
import { Field, Input, Select, SelectOptions } from "@/components/ui/field";
import { schemaResolver } from "@/components/ui/form";
import { useServerErrors } from "@/components/ui/use-server-errors";
import { RadioGroup, RadioItem } from "@/components/ui/radio-group";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { toast } from "@/components/ui/toast";
import { addClassicProcessServerInput, deployProcessServerInput, resourceManagerDeployment } from "@/server/domain/infrastructure/inputs";

/** A Resource Manager network: every field, the resource group, storage account and NIC included. */
const resourceManagerForm = deployProcessServerInput
  .omit({ vaultId: true, configurationServerId: true })
  .extend(resourceManagerDeployment.shape);
/** A classic network: the Marketplace guidance, then the VM created from it is added by its name, subnet and IP (registered from its page). */
const classicForm = addClassicProcessServerInput.omit({ vaultId: true, configurationServerId: true });
type Values = z.input<typeof resourceManagerForm>;
const resolveResourceManager = schemaResolver(resourceManagerForm);
const resolveClassic = schemaResolver(classicForm);

const EMPTY: Values = {
  name: "",
  subscriptionId: "",
  networkId: "",
  subnetId: "",
  ip: "",
  userName: "",
  password: "",
  resourceGroupId: "",
  storageAccountId: "",
  networkInterfaceId: "",
};

/** + Process server: "Deploy a failback process server in Azure" (Resource Manager), or the Marketplace guidance for a classic network. */
export function ProcessServerDialog({
  vaultId,
  configurationServerId,
  configurationServerName,
  open,
  onOpenChange,
}: VaultDialogProps & { configurationServerId: string; configurationServerName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useQuery({ ...trpc.infrastructure.processServerDeployOptions.queryOptions({ vaultId }), enabled: open });
  const o = options.data;
  const [choice, setChoice] = React.useState("azure");
  const isClassic = (id: string | undefined) => o?.networks.find((n) => n.id === id)?.deploymentModel === "classic";
  const form = useForm<Values, unknown, z.output<typeof resourceManagerForm>>({
    // The network's deployment model decides which of the verb's fields apply.
    resolver: (values, context, opts) =>
      (isClassic(values.networkId) ? resolveClassic : resolveResourceManager)(values, context, opts as never) as never,
    // With a single subscription, it is chosen.
    values: o ? { ...EMPTY, subscriptionId: soleId(o.subscriptions) } : undefined,
    resetOptions: { keepDirtyValues: true },
  });
  const [subscriptionId, networkId, subnetId] = useWatch({ control: form.control, name: ["subscriptionId", "networkId", "subnetId"] });
  const networks = (o?.networks ?? []).filter((n) => n.subscriptionId === subscriptionId);
  const network = networks.find((n) => n.id === networkId) ?? null;
  const classic = isClassic(network?.id);
  const resourceGroups = (o?.resourceGroups ?? []).filter((r) => r.subscriptionId === subscriptionId);
  const storageAccounts = (o?.storageAccounts ?? []).filter((x) => resourceGroups.some((r) => r.id === x.resourceGroupId));
  const nics = (o?.networkInterfaces ?? []).filter((x) => x.subnetId === subnetId);
  const subnet = network?.subnets.find((x) => x.id === subnetId) ?? null;

  const m = useMutation(
    trpc.infrastructure.deployProcessServer.mutationOptions({
      onSuccess: (r) => {
        if (!r.deployed) return;
        toast.success("Deploy process server started", {
          description: <ToastLink href={`/vaults/${vaultId}/jobs/${r.jobId}`}>View job</ToastLink>,
        });
        void queryClient.invalidateQueries({ queryKey: trpc.infrastructure.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() });
        onOpenChange(false);
      },
    }),
  );
  const added = useMutation(
    trpc.infrastructure.addClassicProcessServer.mutationOptions({
      onSuccess: (r) => {
        toast.success("Process server added", {
          description: <ToastLink href={`/vaults/${vaultId}/process-servers/${r.processServerId}`}>Register it on its page</ToastLink>,
        });
        void queryClient.invalidateQueries({ queryKey: trpc.infrastructure.pathKey() });
        onOpenChange(false);
      },
    }),
  );
  const banner = useServerErrors(form, m.error ?? added.error);
  const errors = form.formState.errors;
  const { register, setValue } = form;
  /** A change of an earlier choice empties the later choices it narrows. */
  const clears = (...fields: ("networkId" | "subnetId" | "resourceGroupId" | "storageAccountId" | "networkInterfaceId")[]) => ({
    onChange: () => fields.forEach((f) => setValue(f, "")),
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      side="right"
      title="Add process server"
      description={`Configuration server ${configurationServerName}`}
      form={form}
      error={banner}
      // A classic network is not deployed by the portal: the pane shows the Marketplace guidance instead.
      onSubmit={form.handleSubmit((v) => {
        if (choice !== "azure") return;
        if (classic)
          added.mutate({
            vaultId,
            configurationServerId,
            name: v.name,
            subscriptionId: v.subscriptionId,
            networkId: v.networkId,
            subnetId: v.subnetId,
            ip: v.ip,
          });
        else m.mutate({ vaultId, configurationServerId, ...v });
      })}
      actions={
        <Button type="submit" variant="primary" disabled={m.isPending || added.isPending || choice !== "azure" || !o}>
          {m.isPending || added.isPending ? "Working…" : classic ? "Add" : "OK"}
        </Button>
      }
    >
      <Field label="Choose where you want to deploy your process server" group>
        <RadioGroup value={choice} onValueChange={setChoice}>
          <RadioItem
            value="azure"
            label="Deploy a failback process server in Azure"
            description="Needed to fail back over VPN: the Azure VMs send their data to it, and it sends it to the on-premises master target."
          />
          <RadioItem
            value="on-premises"
            label="Deploy a scale-out process server on-premises"
            description="Installed with Unified Setup on an on-premises server."
          />
        </RadioGroup>
      </Field>
      {choice === "on-premises" ? (
        <p role="note" className="flex items-start gap-2 border-l-4 border-info bg-bg-subtle p-3">
          <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-info" />
          Run Unified Setup on the server, choose “Add additional process servers to scale out deployment”, then enter the configuration
          server’s IP address ({configurationServerName}) and its passphrase.
        </p>
      ) : null}
      {choice === "azure" && options.error ? <ErrorDetails error={errorFieldsOf(options.error)} /> : null}
      {choice === "azure" && o ? (
        <>
          <Field label="Subscription" required error={errors.subscriptionId} description="The subscription the VMs were recovered to.">
            <Select
              {...register("subscriptionId", clears("networkId", "subnetId", "resourceGroupId", "storageAccountId", "networkInterfaceId"))}
            >
              <SelectOptions placeholder="Select a subscription" items={o.subscriptions} />
            </Select>
          </Field>
          <Field
            label="Azure network"
            required
            error={errors.networkId}
            description="The same network as the failed-over VMs; its deployment model decides the process server's."
          >
            <Select {...register("networkId", clears("subnetId", "networkInterfaceId"))}>
              <SelectOptions
                placeholder="Select an Azure network"
                items={networks}
                label={(n) => `${n.name} (${n.deploymentModel === "classic" ? "classic" : "Resource Manager"})`}
              />
            </Select>
          </Field>
          {classic ? (
            <div role="note" className="grid gap-2 border-l-4 border-info bg-bg-subtle p-3">
              <p className="font-semibold">{network?.name} is a classic network: the portal does not deploy the process server.</p>
              <p>
                In the Azure Marketplace, create a virtual machine from the image{" "}
                <strong>Microsoft Azure Site Recovery Process Server V2</strong> with the Classic deployment model, in {network?.name}, and
                install the process server on it. Then add it here (its name, subnet and IP address) and register it from its page with{" "}
                {configurationServerName} (its IP address, the passphrase, port 443 and data port 9443).
              </p>
            </div>
          ) : null}
          {/* The VM's name, subnet and address: asked for on either kind of network. */}
          <Field
            label="Name"
            required
            error={errors.name}
            description={
              classic ? "The computer name of the VM you created from the image." : "The Azure VM's computer name (at most 15 characters)."
            }
          >
            <Input maxLength={15} autoComplete="off" {...register("name")} />
          </Field>
          <Field label="Subnet" required error={errors.subnetId}>
            <Select disabled={!network} {...register("subnetId", clears("networkInterfaceId"))}>
              <SelectOptions
                placeholder={network ? "Select a subnet" : "Select a network first"}
                items={network?.subnets ?? []}
                label={(x) => `${x.name} (${x.addressRange})`}
              />
            </Select>
          </Field>
          <Field
            label="IP address"
            required
            error={errors.ip}
            description={
              classic
                ? `Its address in ${subnet ? subnet.addressRange : "the subnet"}.`
                : subnet
                  ? `A unique, unused address in ${subnet.addressRange}.`
                  : "A unique address in the subnet."
            }
          >
            <Input inputMode="decimal" autoComplete="off" {...register("ip")} />
          </Field>
          {classic ? null : (
            <>
              <Field label="User name" required error={errors.userName} description="The administrator account of the process server VM.">
                <Input autoComplete="off" {...register("userName")} />
              </Field>
              <Field
                label="Password"
                required
                error={errors.password}
                description="At least 12 characters. Used for the deployment only; the portal does not store it."
              >
                <Input type="password" autoComplete="new-password" {...register("password")} />
              </Field>
              <Field label="Resource group" required error={errors.resourceGroupId}>
                <Select {...register("resourceGroupId")}>
                  <SelectOptions placeholder="Select a resource group" items={resourceGroups} />
                </Select>
              </Field>
              <Field label="Storage account" required error={errors.storageAccountId}>
                <Select {...register("storageAccountId")}>
                  <SelectOptions placeholder="Select a storage account" items={storageAccounts} />
                </Select>
              </Field>
              <Field
                label="Network interface"
                required
                error={errors.networkInterfaceId}
                description={
                  subnetId && nics.length === 0
                    ? "No unattached network interface is in this subnet: create one in the Azure portal first."
                    : "A network interface you created in the subnet, not attached to any VM."
                }
              >
                <Select disabled={!subnetId} {...register("networkInterfaceId")}>
                  <SelectOptions placeholder={subnetId ? "Select a network interface" : "Select a subnet first"} items={nics} />
                </Select>
              </Field>
            </>
          )}
        </>
      ) : null}
      {choice === "azure" && !o && !options.error ? <p className="text-fg-muted">Loading…</p> : null}
    </FormDialog>
  );
}
