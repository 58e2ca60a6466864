"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useController, useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc/client";
import { Field, Select, SelectOptions } from "@/components/ui/field";
import { RadioGroup, RadioItem } from "@/components/ui/radio-group";
import { formatTime } from "@/lib/labels";
import { RECOVERY_POINT_CHOICES, type RecoveryPointChoice } from "@/server/domain/replicated-item/inputs";
import type { ItemData } from "./item-dialog";

const LABEL: Record<RecoveryPointChoice, string> = {
  latest: "Latest",
  "latest-processed": "Latest processed",
  "latest-app-consistent": "Latest app-consistent",
  "latest-multi-vm-processed": "Latest multi-VM processed",
  "latest-multi-vm-app-consistent": "Latest multi-VM app-consistent",
  "latest-tag": "Latest tag",
  custom: "Custom",
};

const HELP: Record<RecoveryPointChoice, string> = {
  latest:
    "Processes all data that has reached Site Recovery first: lowest RPO (least data loss), but the failover takes longer (higher RTO).",
  "latest-processed":
    "The latest point Site Recovery has already processed: lowest RTO (fastest failover); data not yet processed is not included.",
  "latest-app-consistent": "The latest application-consistent point. It is older than the latest data, so some data may be lost.",
  "latest-multi-vm-processed":
    "The latest processed point common to every machine of the replication group: all members fail over to the same point in time. Items outside a group use their own latest processed point.",
  "latest-multi-vm-app-consistent":
    "The latest application-consistent point common to every machine of the replication group; older, so some data may be lost. Items outside a group use their own latest app-consistent point.",
  "latest-tag":
    "The latest application-consistent tag the master target has applied to its retention log (vContinuum's Latest Tag). Older than the latest data, so some data may be lost.",
  custom: "Choose a recovery point from the list.",
};

/** The recovery point fields of a form, and what they start from. */
export type RecoveryPointValues = { recoveryPoint: RecoveryPointChoice; recoveryPointId?: string };
export const RECOVERY_POINT_DEFAULTS = { recoveryPoint: "latest-processed", recoveryPointId: "" } as const;

/** What a verb takes from the recovery point fields: the custom point's id only with Custom. */
export function recoveryPointOf<C extends RecoveryPointChoice>(v: { recoveryPoint: C; recoveryPointId?: string }) {
  return {
    recoveryPoint: v.recoveryPoint,
    ...(v.recoveryPoint === "custom" && v.recoveryPointId ? { recoveryPointId: v.recoveryPointId } : {}),
  };
}

export type RecoveryPointRow = { id: string; at: Date | string; type: string; multiVm: boolean };

/**
 * Radio group "Recovery point" over `choices` (Latest, Latest processed, Latest app-consistent,
 * Custom, and the multi-VM ones in a replication group); with Custom, the select of `points`. It
 * reads and writes the recoveryPoint and recoveryPointId of the form around it.
 */
export function RecoveryPointPicker({
  choices,
  points = [],
  unavailable = {},
  more,
}: {
  choices: readonly RecoveryPointChoice[];
  points?: readonly RecoveryPointRow[];
  /** Choices that have no point now, with why (shown, not selectable). */
  unavailable?: Partial<Record<RecoveryPointChoice, string>>;
  /** Older points to load into the Custom list, page by page. */
  more?: { total: number; hasMore: boolean; loading: boolean; load: () => void };
}) {
  const { control, register, formState } = useFormContext<RecoveryPointValues>();
  const { field } = useController({ control, name: "recoveryPoint" });
  return (
    <div className="grid gap-2">
      <Field label="Recovery point" group error={formState.errors.recoveryPoint}>
        <RadioGroup value={field.value} onValueChange={field.onChange}>
          {choices.map((c) => (
            <RadioItem
              key={c}
              value={c}
              label={LABEL[c]}
              disabled={!!unavailable[c]}
              description={unavailable[c] ? `Not available: ${unavailable[c]}` : HELP[c]}
            />
          ))}
        </RadioGroup>
      </Field>
      {field.value === "latest-app-consistent" || field.value === "latest-multi-vm-app-consistent" || field.value === "latest-tag" ? (
        <p role="note" className="border-l-4 border-warning bg-bg-subtle p-2 text-xs">
          An app-consistent point is older than the latest crash-consistent data: changes made after it are lost.
        </p>
      ) : null}
      {field.value === "custom" ? (
        <Field
          label="Recovery point time"
          error={formState.errors.recoveryPointId}
          description={points.length ? undefined : "No recovery point is available in this direction yet."}
        >
          <Select {...register("recoveryPointId")}>
            <SelectOptions
              placeholder="Select a recovery point"
              items={points}
              label={(p) =>
                `${formatTime(p.at)} · ${p.type === "app-consistent" ? "App-consistent" : "Crash-consistent"}${p.multiVm ? " · multi-VM" : ""}`
              }
            />
          </Select>
        </Field>
      ) : null}
      {field.value === "custom" && more ? (
        <div className="flex items-center gap-2 text-xs text-fg-muted">
          <span role="status">
            {points.length} of {more.total} recovery points listed
          </span>
          {more.hasMore ? (
            <Button type="button" variant="secondary" onClick={more.load} disabled={more.loading}>
              Load older recovery points
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

const GROUP_CHOICES = RECOVERY_POINT_CHOICES;
const ITEM_CHOICES = RECOVERY_POINT_CHOICES.filter((c) => !c.startsWith("latest-multi-vm"));

/**
 * The picker over an item's recovery points of its current replication direction (multi-VM choices
 * in a replication group): the choices without a point are shown unavailable with why, and Custom
 * lists every retained point, page by page.
 */
export function ItemRecoveryPointPicker({ data }: { data: ItemData }) {
  const trpc = useTRPC();
  const pages = useInfiniteQuery(
    trpc.items.recoveryPoints.infiniteQueryOptions(
      { vaultId: data.item.vaultId, itemId: data.item.id, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const loaded = pages.data?.pages.flatMap((p) => p.items);
  const offered = data.recoveryPointChoices.filter((c) => (data.item.replicationGroup ? GROUP_CHOICES : ITEM_CHOICES).includes(c.choice));
  return (
    <RecoveryPointPicker
      choices={offered.map((c) => c.choice)}
      unavailable={Object.fromEntries(offered.filter((c) => !c.available).map((c) => [c.choice, c.reason ?? ""]))}
      points={loaded ?? data.latestPoints.filter((p) => p.direction === data.item.replicationDirection)}
      more={{
        total: pages.data?.pages[0]?.total ?? data.recoveryPoints.count,
        hasMore: !!pages.hasNextPage,
        loading: pages.isFetchingNextPage,
        load: () => void pages.fetchNextPage(),
      }}
    />
  );
}
