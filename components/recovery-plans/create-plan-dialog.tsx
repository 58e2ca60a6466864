"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useController, useForm, type Resolver, type ResolverResult } from "react-hook-form";
import { z } from "zod";
import { useTRPC } from "@/lib/trpc/client";
import type { VaultDialogProps } from "@/lib/use-operation-done";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/dialog";
import { Checkbox, Field, FieldSet, Input, Select, SelectOptions } from "@/components/ui/field";
import { schemaResolver } from "@/components/ui/form";
import { useServerErrors } from "@/components/ui/use-server-errors";
import { toast } from "@/components/ui/toast";
import { AZURE_SITE, MAX_PLAN_GROUPS, createRecoveryPlanInput } from "@/server/domain/recovery-plan/inputs";

const planInput = createRecoveryPlanInput.omit({ vaultId: true });

/** What the form holds: the plan's fields, and for each checked item its group (1-based). */
type Values = Omit<z.input<typeof planInput>, "groups"> & { groups: Record<string, number> };

/** The groups of the verb: the checked items by group, empty groups dropped (the plan numbers them 1..N in order). */
function groupsOf(chosen: Record<string, number>) {
  const ids = Object.keys(chosen);
  return [...new Set(Object.values(chosen))].sort((a, b) => a - b).map((g) => ({ itemIds: ids.filter((id) => chosen[id] === g) }));
}

/** The verb's schema, over the groups the form's checkboxes and group choices make. */
const resolvePlan = schemaResolver(planInput);
const resolver: Resolver<Values, unknown, z.output<typeof planInput>> = async (values, context, options) =>
  (await resolvePlan({ ...values, groups: groupsOf(values.groups) }, context, options as never)) as ResolverResult<
    Values,
    z.output<typeof planInput>
  >;

/** Create a recovery plan: Name, Source, Target, the replicated items checked by name, each in a group. */
export function CreatePlanDialog({ vaultId, open, onOpenChange }: VaultDialogProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const options = useQuery({ ...trpc.items.replicateOptions.queryOptions({ vaultId }), enabled: open });
  const items = useQuery({ ...trpc.items.all.queryOptions({ vaultId }), enabled: open });
  const servers = options.data?.configurationServers ?? [];
  const sites = [...servers.map((c) => c.name), AZURE_SITE].map((s) => ({ id: s, name: s }));
  const candidates = (items.data ?? []).filter((i) => i.state !== "replication-disabled");

  const form = useForm<Values, unknown, z.output<typeof planInput>>({
    resolver,
    values: { name: "", source: servers[0]?.name ?? "", target: AZURE_SITE, groups: {} },
    resetOptions: { keepDirtyValues: true },
  });
  const m = useMutation(
    trpc.plans.create.mutationOptions({
      onSuccess: (_, input) => {
        toast.success(`Recovery plan ${input.name} created`);
        onOpenChange(false);
        void queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
        router.refresh();
      },
    }),
  );
  const banner = useServerErrors(form, m.error);
  const errors = form.formState.errors;

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      side="right"
      title="Create recovery plan"
      description="Recovery plans fail over, commit and re-protect their items group by group."
      form={form}
      error={banner}
      onSubmit={form.handleSubmit((v) => m.mutate({ vaultId, ...v }))}
      actions={
        <Button type="submit" variant="primary" disabled={m.isPending}>
          Create
        </Button>
      }
    >
      <Field label="Name" required error={errors.name}>
        <Input autoComplete="off" {...form.register("name")} />
      </Field>
      <Field label="Source" required error={errors.source}>
        <Select {...form.register("source")}>
          <SelectOptions items={sites} />
        </Select>
      </Field>
      <Field label="Target" required error={errors.target}>
        <Select {...form.register("target")}>
          <SelectOptions items={sites} />
        </Select>
      </Field>
      <FieldSet legend="Replicated items" error={errors.groups} dense>
        {items.isLoading ? <p className="text-fg-muted">Loading the replicated items…</p> : null}
        {candidates.map((i) => (
          <ItemChoice key={i.id} item={i} />
        ))}
      </FieldSet>
    </FormDialog>
  );
}

/** An item's checkbox and, once checked, its group. */
function ItemChoice({ item }: { item: { id: string; name: string; stateLabel: string } }) {
  const { field } = useController<Values, "groups">({ name: "groups" });
  const chosen = field.value;
  const group = chosen[item.id];
  return (
    <div className="flex items-center justify-between gap-2">
      <Checkbox
        label={item.name}
        checked={group !== undefined}
        onChange={(e) => {
          const next = { ...chosen };
          if (e.target.checked) next[item.id] = 1;
          else delete next[item.id];
          field.onChange(next);
        }}
      />
      <span className="flex items-center gap-2 text-xs text-fg-muted">
        {item.stateLabel}
        {group !== undefined ? (
          <Select
            aria-label={`Group of ${item.name}`}
            width="w-24"
            value={group}
            onChange={(e) => field.onChange({ ...chosen, [item.id]: Number(e.target.value) })}
          >
            {Array.from({ length: MAX_PLAN_GROUPS }, (_, k) => (
              <option key={k + 1} value={k + 1}>
                Group {k + 1}
              </option>
            ))}
          </Select>
        ) : null}
      </span>
    </div>
  );
}
