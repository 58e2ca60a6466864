"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Info } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/dialog";
import { Field, Input, Select, SelectOptions } from "@/components/ui/field";
import { RadioGroup, RadioItem } from "@/components/ui/radio-group";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { toast } from "@/components/ui/toaster";
import { RefusalBanner, fieldErrorsOf } from "@/components/replicated-items/operation-dialog";
import { useFormFields } from "@/lib/use-form-fields";

type Form = {
  name: string;
  subscriptionId: string;
  networkId: string;
  subnetId: string;
  ip: string;
  userName: string;
  password: string;
  resourceGroupId: string;
  storageAccountId: string;
  networkInterfaceId: string;
};
const EMPTY: Form = {
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

function validate(f: Form, classic: boolean): Record<string, string[]> {
  const e: Record<string, string[]> = {};
  if (!f.subscriptionId) e.subscriptionId = ["Choose the subscription the VMs were recovered to."];
  if (!f.networkId) e.networkId = ["Choose the Azure network of the failed-over VMs."];
  if (classic) return e;
  if (!f.name.trim()) e.name = ["Enter a name."];
  else if (!/^[A-Za-z0-9-]{1,15}$/.test(f.name.trim())) e.name = ["At most 15 letters, digits and hyphens (a Windows computer name)."];
  if (!f.subnetId) e.subnetId = ["Choose a subnet."];
  if (!f.ip.trim()) e.ip = ["Enter an IP address."];
  else if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(f.ip.trim())) e.ip = ["Enter an IPv4 address."];
  if (!f.userName.trim()) e.userName = ["Enter the administrator user name."];
  if (f.password.length < 12) e.password = ["At least 12 characters."];
  if (!f.resourceGroupId) e.resourceGroupId = ["Choose a resource group (Resource Manager network)."];
  if (!f.storageAccountId) e.storageAccountId = ["Choose a storage account (Resource Manager network)."];
  if (!f.networkInterfaceId) e.networkInterfaceId = ["Choose the network interface you created for the process server."];
  return e;
}

/** + Process server: "Deploy a failback process server in Azure" (Resource Manager), or the Marketplace guidance for a classic network. */
export function ProcessServerDialog({
  vaultId,
  configurationServerId,
  configurationServerName,
  open,
  onOpenChange,
}: {
  vaultId: string;
  configurationServerId: string;
  configurationServerName: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useQuery({ ...trpc.infrastructure.processServerDeployOptions.queryOptions({ vaultId }), enabled: open });
  const [choice, setChoice] = React.useState("azure");
  const { values: f, set: setField, errors, setErrors, reset } = useFormFields<Form>(EMPTY);
  const [guidance, setGuidance] = React.useState<string | null>(null);
  const m = useMutation(
    trpc.infrastructure.deployProcessServer.mutationOptions({
      onSuccess: (r) => {
        if (!r.deployed) {
          setGuidance(r.guidance);
          return;
        }
        toast.success("Deploy process server started", {
          description: (
            <Link href={`/vaults/${vaultId}/jobs/${r.jobId}`} className="text-accent underline">
              View job
            </Link>
          ),
        });
        void queryClient.invalidateQueries({ queryKey: trpc.infrastructure.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() });
        close(false);
      },
      onError: (err) => setErrors(fieldErrorsOf(err)),
    }),
  );
  const close = (o: boolean) => {
    if (!o) {
      reset();
      setGuidance(null);
      m.reset();
    }
    onOpenChange(o);
  };
  const set = (patch: Partial<Form>) => {
    setField(patch);
    setGuidance(null);
  };

  const o = options.data;
  const subscriptionId = f.subscriptionId || (o?.subscriptions.length === 1 ? o.subscriptions[0]!.id : "");
  const networks = (o?.networks ?? []).filter((n) => n.subscriptionId === subscriptionId);
  const network = networks.find((n) => n.id === f.networkId) ?? null;
  const classic = network?.deploymentModel === "classic";
  const resourceGroups = (o?.resourceGroups ?? []).filter((r) => r.subscriptionId === subscriptionId);
  const storageAccounts = (o?.storageAccounts ?? []).filter((x) => resourceGroups.some((r) => r.id === x.resourceGroupId));
  const nics = (o?.networkInterfaces ?? []).filter((x) => x.subnetId === f.subnetId);
  const subnet = network?.subnets.find((x) => x.id === f.subnetId) ?? null;
  const effective = { ...f, subscriptionId };

  const submit = () => {
    if (choice !== "azure") return;
    const e = validate(effective, classic);
    setErrors(e);
    if (Object.keys(e).length) return;
    // A classic network is not deployed by the portal: the pane shows the Marketplace guidance instead.
    if (classic) return;
    m.mutate({
      vaultId,
      configurationServerId,
      name: effective.name.trim(),
      subscriptionId,
      networkId: effective.networkId,
      subnetId: effective.subnetId,
      ip: effective.ip.trim(),
      userName: effective.userName.trim(),
      password: effective.password,
      resourceGroupId: effective.resourceGroupId,
      storageAccountId: effective.storageAccountId,
      networkInterfaceId: effective.networkInterfaceId,
    });
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={close}
      side="right"
      title="Add process server"
      description={`Configuration server ${configurationServerName}`}
      onSubmit={submit}
      actions={
        <Button type="submit" variant="primary" disabled={m.isPending || choice !== "azure" || !o || classic}>
          {m.isPending ? "Working…" : "OK"}
        </Button>
      }
    >
      <div className="grid gap-2">
        <span id="ps-choice-label" className="font-semibold">
          Choose where you want to deploy your process server
        </span>
        <RadioGroup aria-labelledby="ps-choice-label" value={choice} onValueChange={setChoice}>
          <RadioItem
            id="ps-choice-azure"
            value="azure"
            label="Deploy a failback process server in Azure"
            description="Needed to fail back over VPN: the Azure VMs send their data to it, and it sends it to the on-premises master target."
          />
          <RadioItem
            id="ps-choice-onprem"
            value="on-premises"
            label="Deploy a scale-out process server on-premises"
            description="Installed with Unified Setup on an on-premises server."
          />
        </RadioGroup>
      </div>
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
          <Field
            label="Subscription"
            htmlFor="ps-subscription"
            required
            error={errors.subscriptionId}
            description="The subscription the VMs were recovered to."
          >
            <Select
              id="ps-subscription"
              value={subscriptionId}
              onChange={(e) =>
                set({
                  subscriptionId: e.target.value,
                  networkId: "",
                  subnetId: "",
                  resourceGroupId: "",
                  storageAccountId: "",
                  networkInterfaceId: "",
                })
              }
              aria-invalid={!!errors.subscriptionId || undefined}
            >
              <SelectOptions placeholder="Select a subscription" items={o.subscriptions} />
            </Select>
          </Field>
          <Field
            label="Azure network"
            htmlFor="ps-network"
            required
            error={errors.networkId}
            description="The same network as the failed-over VMs; its deployment model decides the process server's."
          >
            <Select
              id="ps-network"
              value={f.networkId}
              onChange={(e) => set({ networkId: e.target.value, subnetId: "", networkInterfaceId: "" })}
              aria-invalid={!!errors.networkId || undefined}
            >
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
                <strong>Microsoft Azure Site Recovery Process Server V2</strong> with the Classic deployment model, in {network?.name}. Then
                install the process server on it and register it with {configurationServerName} (its IP address, the passphrase, port 443
                and data port 9443).
              </p>
              {guidance ? <p>{guidance}</p> : null}
            </div>
          ) : (
            <>
              <Field
                label="Name"
                htmlFor="ps-name"
                required
                error={errors.name}
                description="The Azure VM's computer name (at most 15 characters)."
              >
                <Input
                  id="ps-name"
                  value={f.name}
                  maxLength={15}
                  autoComplete="off"
                  onChange={(e) => set({ name: e.target.value })}
                  aria-invalid={!!errors.name || undefined}
                />
              </Field>
              <Field label="Subnet" htmlFor="ps-subnet" required error={errors.subnetId}>
                <Select
                  id="ps-subnet"
                  value={f.subnetId}
                  disabled={!network}
                  onChange={(e) => set({ subnetId: e.target.value, networkInterfaceId: "" })}
                  aria-invalid={!!errors.subnetId || undefined}
                >
                  <SelectOptions
                    placeholder={network ? "Select a subnet" : "Select a network first"}
                    items={network?.subnets ?? []}
                    label={(x) => `${x.name} (${x.addressRange})`}
                  />
                </Select>
              </Field>
              <Field
                label="IP address"
                htmlFor="ps-ip"
                required
                error={errors.ip}
                description={subnet ? `A unique, unused address in ${subnet.addressRange}.` : "A unique address in the subnet."}
              >
                <Input
                  id="ps-ip"
                  value={f.ip}
                  inputMode="decimal"
                  autoComplete="off"
                  onChange={(e) => set({ ip: e.target.value })}
                  aria-invalid={!!errors.ip || undefined}
                />
              </Field>
              <Field
                label="User name"
                htmlFor="ps-user"
                required
                error={errors.userName}
                description="The administrator account of the process server VM."
              >
                <Input
                  id="ps-user"
                  value={f.userName}
                  autoComplete="off"
                  onChange={(e) => set({ userName: e.target.value })}
                  aria-invalid={!!errors.userName || undefined}
                />
              </Field>
              <Field
                label="Password"
                htmlFor="ps-password"
                required
                error={errors.password}
                description="At least 12 characters. Used for the deployment only; the portal does not store it."
              >
                <Input
                  id="ps-password"
                  type="password"
                  value={f.password}
                  autoComplete="new-password"
                  onChange={(e) => set({ password: e.target.value })}
                  aria-invalid={!!errors.password || undefined}
                />
              </Field>
              <Field label="Resource group" htmlFor="ps-rg" required error={errors.resourceGroupId}>
                <Select
                  id="ps-rg"
                  value={f.resourceGroupId}
                  onChange={(e) => set({ resourceGroupId: e.target.value })}
                  aria-invalid={!!errors.resourceGroupId || undefined}
                >
                  <SelectOptions placeholder="Select a resource group" items={resourceGroups} />
                </Select>
              </Field>
              <Field label="Storage account" htmlFor="ps-storage" required error={errors.storageAccountId}>
                <Select
                  id="ps-storage"
                  value={f.storageAccountId}
                  onChange={(e) => set({ storageAccountId: e.target.value })}
                  aria-invalid={!!errors.storageAccountId || undefined}
                >
                  <SelectOptions placeholder="Select a storage account" items={storageAccounts} />
                </Select>
              </Field>
              <Field
                label="Network interface"
                htmlFor="ps-nic"
                required
                error={errors.networkInterfaceId}
                description={
                  f.subnetId && nics.length === 0
                    ? "No unattached network interface is in this subnet: create one in the Azure portal first."
                    : "A network interface you created in the subnet, not attached to any VM."
                }
              >
                <Select
                  id="ps-nic"
                  value={f.networkInterfaceId}
                  disabled={!f.subnetId}
                  onChange={(e) => set({ networkInterfaceId: e.target.value })}
                  aria-invalid={!!errors.networkInterfaceId || undefined}
                >
                  <SelectOptions placeholder={f.subnetId ? "Select a network interface" : "Select a subnet first"} items={nics} />
                </Select>
              </Field>
            </>
          )}
        </>
      ) : null}
      {choice === "azure" && !o && !options.error ? <p className="text-fg-muted">Loading…</p> : null}
      <RefusalBanner error={m.error} />
    </FormDialog>
  );
}
