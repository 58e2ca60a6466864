"use client";

import * as React from "react";
import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
import type { RouterOutputs } from "@/lib/trpc/types";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/dialog";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { RadioGroup, RadioItem } from "@/components/ui/radio-group";
import { Field, Select, SelectOptions } from "@/components/ui/field";
import { fieldErrorsOf, useOperationDone, type OperationResult } from "@/lib/use-operation-done";
import { formatTime } from "@/lib/labels";

/** A refusal none of whose messages goes under a field: a banner, else nothing. */
export function RefusalBanner({ error }: { error: unknown }) {
  return !!error && Object.keys(fieldErrorsOf(error)).length === 0 ? <ErrorDetails error={errorFieldsOf(error)} /> : null;
}

/** A request refused only because of a field: the message goes under the field, not in a banner. */
function onlyFieldErrors(err: unknown): boolean {
  const e = err as { data?: { domainError?: unknown; fieldErrors?: unknown } } | null;
  return !e?.data?.domainError && Object.keys(fieldErrorsOf(err)).length > 0;
}

export { fieldErrorsOf };

export type ItemData = RouterOutputs["items"]["get"];
/** The props every item command dialog takes. */
export type ItemDialogProps = { vaultId: string; data: ItemData; open: boolean; onOpenChange: (open: boolean) => void };

/**
 * The mutation of an item command, and what its OperationDialog takes from it (`dialog`): closing the
 * dialog clears a refusal; `options` gets the onSuccess to pass to the procedure's mutationOptions
 * (the toast, close and refetch of useOperationDone, under `label`).
 */
export function useItemOperation<TData extends OperationResult, TError, TVariables, TContext>(
  { vaultId, open, onOpenChange }: Pick<ItemDialogProps, "vaultId" | "open" | "onOpenChange">,
  label: string,
  options: (onSuccess: (result: OperationResult) => void) => UseMutationOptions<TData, TError, TVariables, TContext>,
) {
  const done = useOperationDone(vaultId, () => onOpenChange(false), "item");
  const mutation = useMutation(options((r) => done(label, r)));
  const dialog = {
    open,
    onOpenChange: (o: boolean) => {
      if (!o) mutation.reset();
      onOpenChange(o);
    },
    error: mutation.error,
    pending: mutation.isPending,
  };
  return { mutation, dialog };
}

/** The shell every item command shares: title, body, the refusal (if any) and OK. */
export function OperationDialog({
  open,
  onOpenChange,
  title,
  description,
  side = "center",
  error,
  pending,
  submitLabel = "OK",
  submitDisabled,
  onSubmit,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: React.ReactNode;
  side?: "center" | "right";
  error?: unknown;
  pending?: boolean;
  submitLabel?: string;
  submitDisabled?: boolean;
  onSubmit: () => void;
  children?: React.ReactNode;
}) {
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      side={side}
      title={title}
      description={description}
      onSubmit={() => {
        if (!pending && !submitDisabled) onSubmit();
      }}
      actions={
        <Button type="submit" variant="primary" disabled={pending || submitDisabled}>
          {pending ? "Working…" : submitLabel}
        </Button>
      }
    >
      {children}
      {error && !onlyFieldErrors(error) ? <ErrorDetails error={errorFieldsOf(error)} /> : null}
    </FormDialog>
  );
}

export const BASE_RECOVERY_POINT_CHOICES = ["latest", "latest-processed", "latest-app-consistent", "custom"] as const;
export const MULTI_VM_CHOICES = ["latest-multi-vm-processed", "latest-multi-vm-app-consistent"] as const;
export type RecoveryPointChoice = (typeof BASE_RECOVERY_POINT_CHOICES)[number] | (typeof MULTI_VM_CHOICES)[number];

const CHOICE_LABEL: Record<RecoveryPointChoice, string> = {
  latest: "Latest",
  "latest-processed": "Latest processed",
  "latest-app-consistent": "Latest app-consistent",
  "latest-multi-vm-processed": "Latest multi-VM processed",
  "latest-multi-vm-app-consistent": "Latest multi-VM app-consistent",
  custom: "Custom",
};

const CHOICE_HELP: Record<RecoveryPointChoice, string> = {
  latest:
    "Processes all data that has reached Site Recovery first: lowest RPO (least data loss), but the failover takes longer (higher RTO).",
  "latest-processed":
    "The latest point Site Recovery has already processed: lowest RTO (fastest failover); data not yet processed is not included.",
  "latest-app-consistent": "The latest application-consistent point. It is older than the latest data, so some data may be lost.",
  "latest-multi-vm-processed": "The latest point processed consistently across the replication group.",
  "latest-multi-vm-app-consistent":
    "The latest application-consistent point across the replication group; older, so some data may be lost.",
  custom: "Choose a recovery point from the list.",
};

export type RecoveryPointRow = { id: string; at: Date | string; type: string; multiVm: boolean };

/** Radio group "Recovery point": Latest, Latest processed, Latest app-consistent, Custom (+ multi-VM variants in a replication group). */
export function RecoveryPointPicker({
  idPrefix,
  value,
  onChange,
  customId,
  onCustomId,
  points,
  multiVm,
  errors,
}: {
  idPrefix: string;
  value: RecoveryPointChoice;
  onChange: (v: RecoveryPointChoice) => void;
  customId: string;
  onCustomId: (id: string) => void;
  points: RecoveryPointRow[];
  multiVm?: boolean;
  errors?: Record<string, string[]>;
}) {
  const choices: RecoveryPointChoice[] = multiVm
    ? ["latest", "latest-processed", "latest-app-consistent", ...MULTI_VM_CHOICES, "custom"]
    : [...BASE_RECOVERY_POINT_CHOICES];
  const labelId = `${idPrefix}-rp-label`;
  return (
    <div className="grid gap-2">
      <span id={labelId} className="font-semibold">
        Recovery point
      </span>
      <RadioGroup aria-labelledby={labelId} value={value} onValueChange={(v) => onChange(v as RecoveryPointChoice)}>
        {choices.map((c) => (
          <RadioItem key={c} id={`${idPrefix}-rp-${c}`} value={c} label={CHOICE_LABEL[c]} description={CHOICE_HELP[c]} />
        ))}
      </RadioGroup>
      {errors?.recoveryPoint ? (
        <p role="alert" className="text-xs text-danger">
          {errors.recoveryPoint.join(" ")}
        </p>
      ) : null}
      {value === "latest-app-consistent" || value === "latest-multi-vm-app-consistent" ? (
        <p role="note" className="border-l-4 border-warning bg-bg-subtle p-2 text-xs">
          An app-consistent point is older than the latest crash-consistent data: changes made after it are lost.
        </p>
      ) : null}
      {value === "custom" ? (
        <Field
          label="Recovery point time"
          htmlFor={`${idPrefix}-rp-custom`}
          error={errors?.recoveryPointId}
          description={points.length ? undefined : "No recovery point is available in this direction yet."}
        >
          <Select
            id={`${idPrefix}-rp-custom`}
            value={customId}
            onChange={(e) => onCustomId(e.target.value)}
            aria-invalid={!!errors?.recoveryPointId || undefined}
          >
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
    </div>
  );
}
