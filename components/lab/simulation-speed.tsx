"use client";

import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTRPC } from "@/lib/trpc/client";
import { Section } from "@/components/shell/blade";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useServerErrors } from "@/components/ui/use-server-errors";
import { errorFieldsOf } from "@/components/ui/error-details";
import { toast } from "@/components/ui/toast";

/** The Lab blade's simulation speed (loaded on demand by lab-blade.tsx). */
export function SimulationSpeed({
  vaultId,
  speed,
  disabledReason,
  onChanged,
}: {
  vaultId: string;
  speed: number | null;
  disabledReason: string | null;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  // The speed shown follows the server's until the user edits it. Its range (1–3600) is the server's rule.
  const form = useForm<{ speed: number }>({ values: { speed: speed ?? Number.NaN }, resetOptions: { keepDirtyValues: true } });
  const m = useMutation(
    trpc.lab.setSpeed.mutationOptions({
      onSuccess: (r) => {
        form.reset({ speed: r.speed });
        toast.success(`Simulation speed set to ${r.speed}× real time`);
        onChanged();
      },
    }),
  );
  const banner = useServerErrors(form, m.error);
  return (
    <Section title="Simulated time">
      <form
        className="flex flex-wrap items-end gap-2"
        noValidate
        onSubmit={form.handleSubmit((v) => {
          if (!disabledReason) m.mutate({ vaultId, speed: v.speed });
        })}
      >
        <Field
          label="Simulation speed"
          className="w-72"
          description="Simulated seconds per real second: 1 is real time, 600 runs a 20-minute job in 2 seconds (1–3600)."
          error={form.formState.errors.speed ?? (banner ? errorFieldsOf(banner).message : null)}
        >
          <Input
            type="number"
            min={1}
            max={3600}
            step={1}
            disabled={!!disabledReason}
            {...form.register("speed", { valueAsNumber: true })}
          />
        </Field>
        <Button type="submit" variant="primary" disabled={!!disabledReason || m.isPending}>
          Apply
        </Button>
      </form>
    </Section>
  );
}
