"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import type { VaultDialogProps } from "@/lib/use-operation-done";
import { Button } from "@/components/ui/button";
import { OperationDialog } from "@/components/ui/dialog";
import { Field, FieldError, Input, Select, Textarea } from "@/components/ui/field";
import { useSchemaForm } from "@/components/ui/form";
import { useServerErrors } from "@/components/ui/use-server-errors";
import { toast } from "@/components/ui/toast";
import { MAX_PLAN_GROUPS, planActionInput, updateRecoveryPlanInput, type PlanActionInput } from "@/server/domain/recovery-plan/inputs";

const editInput = updateRecoveryPlanInput.omit({ vaultId: true, planId: true });
type Group = { itemIds: string[]; actions: PlanActionInput[] };

export type EditablePlan = {
  id: string;
  name: string;
  groups: { items: { id: string; name: string }[]; actions: PlanActionInput[] }[];
};

const PHASE_LABEL = { pre: "Pre-step", post: "Post-step" } as const;
const KIND_LABEL = { script: "Script", manual: "Manual" } as const;

/**
 * Edit a recovery plan: rename; add, remove and reorder groups (buttons, so the keyboard does it);
 * add, remove and move items between groups; add and remove pre/post script and manual actions.
 * The new layout is saved at once with Save.
 */
export function EditPlanDialog({ vaultId, plan, open, onOpenChange }: VaultDialogProps & { plan: EditablePlan }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const options = useQuery({ ...trpc.plans.editOptions.queryOptions({ vaultId }), enabled: open });
  const form = useSchemaForm(editInput, {
    defaultValues: {
      name: plan.name,
      groups: plan.groups.map((g) => ({
        itemIds: g.items.map((i) => i.id),
        actions: g.actions.map(({ phase, kind, name, details }) => ({ phase, kind, name, details })),
      })),
    },
  });
  const m = useMutation(
    trpc.plans.update.mutationOptions({
      onSuccess: (_, input) => {
        toast.success(`Recovery plan ${input.name} saved`);
        onOpenChange(false);
        void queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
        router.refresh();
      },
    }),
  );
  const banner = useServerErrors(form, m.error);
  const groups = (form.watch("groups") ?? []) as Group[];
  const setGroups = (next: Group[]) => form.setValue("groups", next, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
  const names = new Map<string, string>([
    ...plan.groups.flatMap((g) => g.items.map((i) => [i.id, i.name] as [string, string])),
    ...(options.data ?? []).map((i) => [i.id, i.name] as [string, string]),
  ]);
  const inPlan = new Set(groups.flatMap((g) => g.itemIds));
  const addable = (options.data ?? []).filter((i) => !inPlan.has(i.id));
  const errors = form.formState.errors;
  const groupsError = (errors.groups as { message?: string; root?: { message?: string } } | undefined) ?? undefined;

  const moveItem = (itemId: string, to: number) =>
    setGroups(
      groups.map((g, i) => ({
        ...g,
        itemIds: i === to ? [...g.itemIds.filter((x) => x !== itemId), itemId] : g.itemIds.filter((x) => x !== itemId),
      })),
    );
  const swap = (a: number, b: number) => {
    const next = [...groups];
    [next[a], next[b]] = [next[b]!, next[a]!];
    setGroups(next);
  };
  /** A removed group's items go to the group before it (the next one for Group 1); its actions go with it. */
  const removeGroup = (index: number) => {
    const target = index === 0 ? 1 : index - 1;
    const next = groups.map((g, i) => (i === target ? { ...g, itemIds: [...g.itemIds, ...groups[index]!.itemIds] } : g));
    setGroups(next.filter((_, i) => i !== index));
  };

  return (
    <OperationDialog
      open={open}
      onOpenChange={(o) => {
        if (!o) m.reset();
        onOpenChange(o);
      }}
      side="right"
      title="Edit recovery plan"
      description={`Change ${plan.name}: its name, groups, items and actions.`}
      form={form}
      error={banner}
      pending={m.isPending}
      submitLabel="Save"
      onSubmit={form.handleSubmit((v) => m.mutate({ vaultId, planId: plan.id, ...v }))}
    >
      <Field label="Name" error={errors.name?.message} required>
        <Input {...form.register("name")} autoComplete="off" />
      </Field>

      <div className="grid gap-3">
        {groups.map((g, index) => {
          const label = `Group ${index + 1}`;
          return (
            <fieldset key={index} className="rounded border border-border-subtle p-3">
              <legend className="px-1 font-semibold">{label}</legend>
              <div className="mb-2 flex flex-wrap gap-1">
                <Button
                  size="sm"
                  type="button"
                  onClick={() => swap(index, index - 1)}
                  disabled={index === 0}
                  aria-label={`Move ${label} up`}
                >
                  <ArrowUp aria-hidden /> Up
                </Button>
                <Button
                  size="sm"
                  type="button"
                  onClick={() => swap(index, index + 1)}
                  disabled={index === groups.length - 1}
                  aria-label={`Move ${label} down`}
                >
                  <ArrowDown aria-hidden /> Down
                </Button>
                <Button
                  size="sm"
                  type="button"
                  onClick={() => removeGroup(index)}
                  disabled={groups.length === 1}
                  aria-label={`Remove ${label}`}
                >
                  <Trash2 aria-hidden /> Remove group
                </Button>
              </div>
              {g.actions.length ? (
                <ul className="mb-2 grid gap-1" aria-label={`Actions of ${label}`}>
                  {g.actions.map((a, ai) => (
                    <li key={ai} className="flex items-center justify-between gap-2">
                      <span>
                        {PHASE_LABEL[a.phase]} ({KIND_LABEL[a.kind].toLowerCase()}): {a.name}
                      </span>
                      <Button
                        size="sm"
                        variant="command"
                        type="button"
                        aria-label={`Remove action ${a.name}`}
                        onClick={() =>
                          setGroups(groups.map((x, i) => (i === index ? { ...x, actions: x.actions.filter((_, j) => j !== ai) } : x)))
                        }
                      >
                        <Trash2 aria-hidden />
                      </Button>
                    </li>
                  ))}
                </ul>
              ) : null}
              {g.itemIds.length ? (
                <ul className="grid gap-1" aria-label={`Items of ${label}`}>
                  {g.itemIds.map((id) => {
                    const name = names.get(id) ?? id;
                    return (
                      <li key={id} className="flex flex-wrap items-center gap-2">
                        <span className="min-w-32">{name}</span>
                        <label htmlFor={`group-of-${id}`} className="sr-only">
                          Group of {name}
                        </label>
                        <Select id={`group-of-${id}`} value={index} onChange={(e) => moveItem(id, Number(e.target.value))} width="w-32">
                          {groups.map((_, gi) => (
                            <option key={gi} value={gi}>
                              Group {gi + 1}
                            </option>
                          ))}
                        </Select>
                        <Button
                          size="sm"
                          variant="command"
                          type="button"
                          aria-label={`Remove ${name} from the plan`}
                          onClick={() => setGroups(groups.map((x) => ({ ...x, itemIds: x.itemIds.filter((i) => i !== id) })))}
                        >
                          <Trash2 aria-hidden />
                        </Button>
                      </li>
                    );
                  })}
                </ul>
              ) : (
                <p className="text-fg-muted">No items yet: move an item here, or add one.</p>
              )}
              <FieldError
                error={(errors.groups as unknown as { itemIds?: { message?: string } }[] | undefined)?.[index]?.itemIds?.message}
              />
            </fieldset>
          );
        })}
        <FieldError error={groupsError?.message ?? groupsError?.root?.message} />
        <div>
          <Button
            type="button"
            onClick={() => setGroups([...groups, { itemIds: [], actions: [] }])}
            disabled={groups.length >= MAX_PLAN_GROUPS}
          >
            <Plus aria-hidden /> Add group
          </Button>
        </div>
      </div>

      <AddItem
        groups={groups.length}
        items={addable}
        onAdd={(itemId, group) => setGroups(groups.map((g, i) => (i === group ? { ...g, itemIds: [...g.itemIds, itemId] } : g)))}
      />
      <AddAction
        groups={groups.length}
        onAdd={(action, group) => setGroups(groups.map((g, i) => (i === group ? { ...g, actions: [...g.actions, action] } : g)))}
      />
    </OperationDialog>
  );
}

function GroupOptions({ count }: { count: number }) {
  return (
    <>
      {Array.from({ length: count }, (_, i) => (
        <option key={i} value={i}>
          Group {i + 1}
        </option>
      ))}
    </>
  );
}

/** Add a replicated item of the vault to a group. */
function AddItem({
  groups,
  items,
  onAdd,
}: {
  groups: number;
  items: { id: string; name: string }[];
  onAdd: (itemId: string, group: number) => void;
}) {
  const [itemId, setItemId] = React.useState("");
  const [group, setGroup] = React.useState(0);
  return (
    <fieldset className="grid gap-2 rounded border border-border-subtle p-3">
      <legend className="px-1 font-semibold">Add item</legend>
      <div className="flex flex-wrap items-end gap-2">
        <Field label="Item to add" className="min-w-40">
          <Select value={itemId} onChange={(e) => setItemId(e.target.value)}>
            <option value="">Choose an item</option>
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Add to group">
          <Select value={Math.min(group, groups - 1)} onChange={(e) => setGroup(Number(e.target.value))}>
            <GroupOptions count={groups} />
          </Select>
        </Field>
        <Button
          type="button"
          disabled={!itemId}
          onClick={() => {
            onAdd(itemId, Math.min(group, groups - 1));
            setItemId("");
          }}
        >
          <Plus aria-hidden /> Add item
        </Button>
      </div>
    </fieldset>
  );
}

/** Add a pre- or post-step to a group: a script (its path) or a manual action (its instructions). */
function AddAction({ groups, onAdd }: { groups: number; onAdd: (action: PlanActionInput, group: number) => void }) {
  const [draft, setDraft] = React.useState<{
    group: number;
    phase: "pre" | "post";
    kind: "script" | "manual";
    name: string;
    details: string;
  }>({
    group: 0,
    phase: "pre",
    kind: "manual",
    name: "",
    details: "",
  });
  const [error, setError] = React.useState<string | null>(null);
  return (
    <fieldset className="grid gap-2 rounded border border-border-subtle p-3">
      <legend className="px-1 font-semibold">Add action</legend>
      <div className="flex flex-wrap gap-2">
        <Field label="Action group">
          <Select value={Math.min(draft.group, groups - 1)} onChange={(e) => setDraft({ ...draft, group: Number(e.target.value) })}>
            <GroupOptions count={groups} />
          </Select>
        </Field>
        <Field label="Step">
          <Select value={draft.phase} onChange={(e) => setDraft({ ...draft, phase: e.target.value as "pre" | "post" })}>
            <option value="pre">Pre-step</option>
            <option value="post">Post-step</option>
          </Select>
        </Field>
        <Field label="Kind">
          <Select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as "script" | "manual" })}>
            <option value="script">Script</option>
            <option value="manual">Manual</option>
          </Select>
        </Field>
      </div>
      <Field label="Action name" error={error ?? undefined}>
        <Input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} autoComplete="off" />
      </Field>
      <Field
        label="Text"
        description={draft.kind === "script" ? "The script's path, e.g. scripts/warm-cache.ps1." : "The instructions the operator follows."}
      >
        <Textarea value={draft.details} onChange={(e) => setDraft({ ...draft, details: e.target.value })} />
      </Field>
      <div>
        <Button
          type="button"
          onClick={() => {
            const parsed = planActionInput.safeParse(draft);
            if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Check the action.");
            setError(null);
            onAdd(parsed.data, Math.min(draft.group, groups - 1));
            setDraft({ ...draft, name: "", details: "" });
          }}
        >
          <Plus aria-hidden /> Add action
        </Button>
      </div>
    </fieldset>
  );
}
