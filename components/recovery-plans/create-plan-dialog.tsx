"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Plus, RefreshCw } from "lucide-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/dialog";
import { Checkbox, Field, Input, Select } from "@/components/ui/field";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { toast } from "@/components/ui/toaster";
import { GatedButton } from "@/components/auth/role-gate";
import { planFieldErrors } from "./use-plan-operation";

const AZURE = "Microsoft Azure";
const MAX_GROUPS = 7;

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

/** Create a recovery plan: Name, Source, Target, the replicated items checked by name, each in a group. */
export function CreatePlanDialog({
  vaultId,
  open,
  onOpenChange,
}: {
  vaultId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const options = useQuery({
    ...trpc.items.replicateOptions.queryOptions({ vaultId }),
    enabled: open,
  });
  const items = useQuery({
    ...trpc.items.list.queryOptions({ vaultId }),
    enabled: open,
  });
  const [name, setName] = React.useState("");
  const [source, setSource] = React.useState("");
  const [target, setTarget] = React.useState(AZURE);
  /** Item id → group number (1-based); absent: not in the plan. */
  const [chosen, setChosen] = React.useState<Record<string, number>>({});
  const [local, setLocal] = React.useState<string | null>(null);

  const servers = options.data?.configurationServers ?? [];
  const sites = [...servers.map((c) => c.name), AZURE];
  const effectiveSource = source || servers[0]?.name || "";
  const candidates = (items.data ?? []).filter((i) => i.state !== "replication-disabled");

  const m = useMutation(
    trpc.plans.create.mutationOptions({
      onSuccess: () => {
        toast.success(`Recovery plan ${name.trim()} created`);
        onOpenChange(false);
        void queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
        router.refresh();
      },
    }),
  );
  const errors = planFieldErrors(m.error);
  const submit = () => {
    setLocal(null);
    const ids = Object.keys(chosen);
    if (!ids.length) {
      setLocal("Choose at least one replicated item.");
      return;
    }
    const used = [...new Set(Object.values(chosen))].sort((a, b) => a - b);
    // Empty groups are dropped: the plan's groups are renumbered 1..N in order.
    const groups = used.map((g) => ({
      itemIds: ids.filter((id) => chosen[id] === g),
    }));
    m.mutate({ vaultId, name, source: effectiveSource, target, groups });
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      side="right"
      title="Create recovery plan"
      description="Recovery plans fail over, commit and re-protect their items group by group."
      onSubmit={submit}
      actions={
        <Button type="submit" variant="primary" disabled={m.isPending}>
          Create
        </Button>
      }
    >
      {m.error && !Object.keys(errors).length ? <ErrorDetails error={errorFieldsOf(m.error)} /> : null}
      <Field label="Name" htmlFor="rp-name" required error={errors.name}>
        <Input
          id="rp-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={!!errors.name || undefined}
          autoComplete="off"
        />
      </Field>
      <SiteField label="Source" id="rp-source" error={errors.source} value={effectiveSource} onChange={setSource} sites={sites} />
      <SiteField label="Target" id="rp-target" error={errors.target} value={target} onChange={setTarget} sites={sites} />
      <fieldset className="grid gap-1">
        <legend className="mb-1 font-semibold">Replicated items</legend>
        {items.isLoading ? <p className="text-fg-muted">Loading the replicated items…</p> : null}
        {candidates.map((i) => {
          const group = chosen[i.id];
          return (
            <div key={i.id} className="flex items-center justify-between gap-2">
              <Checkbox
                id={`rp-item-${i.id}`}
                label={i.name}
                checked={group !== undefined}
                onChange={(e) =>
                  setChosen((c) => {
                    const next = { ...c };
                    if (e.target.checked) next[i.id] = 1;
                    else delete next[i.id];
                    return next;
                  })
                }
              />
              <span className="flex items-center gap-2 text-xs text-fg-muted">
                {i.stateLabel}
                {group !== undefined ? (
                  <Select
                    aria-label={`Group of ${i.name}`}
                    className="w-24"
                    value={group}
                    onChange={(e) =>
                      setChosen((c) => ({
                        ...c,
                        [i.id]: Number(e.target.value),
                      }))
                    }
                  >
                    {Array.from({ length: MAX_GROUPS }, (_, k) => (
                      <option key={k + 1} value={k + 1}>
                        Group {k + 1}
                      </option>
                    ))}
                  </Select>
                ) : null}
              </span>
            </div>
          );
        })}
        {local || errors.groups ? (
          <p role="alert" className="text-xs text-danger">
            {local ?? errors.groups?.join(" ")}
          </p>
        ) : null}
      </fieldset>
    </FormDialog>
  );
}

/** Source or Target: a required choice among the plan's sites. */
function SiteField({
  label,
  id,
  error,
  value,
  onChange,
  sites,
}: {
  label: string;
  id: string;
  error?: string[];
  value: string;
  onChange: (site: string) => void;
  sites: readonly string[];
}) {
  return (
    <Field label={label} htmlFor={id} required error={error}>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {sites.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </Select>
    </Field>
  );
}
