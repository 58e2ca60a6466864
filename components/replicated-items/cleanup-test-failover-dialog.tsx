"use client";

import { z } from "zod";
import { useWatch } from "react-hook-form";
import { useTRPC } from "@/lib/trpc/client";
import { useFormOperation } from "@/lib/use-form-operation";
import { OperationDialog } from "@/components/ui/dialog";
import { Checkbox, Field, Textarea } from "@/components/ui/field";
import { cleanupTestFailoverInput } from "@/server/domain/replicated-item/inputs";
import type { ItemDialogProps } from "./item-dialog";

/** The notes go to the verb; the confirmation only gates OK. */
const cleanupForm = cleanupTestFailoverInput.pick({ notes: true }).extend({ complete: z.boolean() });

/** Cleanup test failover: deletes the test VM, with optional notes on the test. */
export function CleanupTestFailoverDialog(props: ItemDialogProps) {
  const { vaultId, data } = props;
  const trpc = useTRPC();
  const { form, dialog } = useFormOperation("item", props, {
    schema: cleanupForm,
    defaultValues: { notes: "", complete: false },
    label: "Test failover cleanup",
    options: (onSuccess) => trpc.items.cleanupTestFailover.mutationOptions({ onSuccess }),
    input: (v) => ({ vaultId, itemId: data.item.id, ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}) }),
  });
  const complete = useWatch({ control: form.control, name: "complete" });
  return (
    <OperationDialog {...dialog} title="Test failover cleanup" submitDisabled={!complete}>
      <Field label="Notes" description="Record what the test showed (optional)." error={form.formState.errors.notes}>
        <Textarea maxLength={1000} {...form.register("notes")} />
      </Field>
      <Checkbox label="Testing is complete. Delete test failover virtual machine(s)." {...form.register("complete")} />
    </OperationDialog>
  );
}
