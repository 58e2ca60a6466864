"use client";

import { useState } from "react";
import { KeyRound } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { Section } from "@/components/shell/blade";
import { Field, Input } from "@/components/ui/field";
import { useSchemaForm } from "@/components/ui/form";
import { useFormMutation } from "@/components/ui/use-server-errors";
import { toast } from "@/components/ui/toast";
import { createTokenInput, TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from "@/server/domain/tokens/inputs";

/** The Profile blade's "Create a token" form, and the new token shown once (loaded on demand by profile-blade.tsx). */
export function CreateTokenForm({ onCreated }: { onCreated: () => void }) {
  const trpc = useTRPC();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const form = useSchemaForm(createTokenInput, { defaultValues: { name: "", days: TOKEN_DEFAULT_DAYS } });
  const create = useFormMutation(form, trpc.tokens.create.mutationOptions(), (t) => {
    setCreated({ name: t.name, token: t.token });
    onCreated();
  });
  const errors = form.formState.errors;

  return (
    <Section id="create-token-heading" title="Create a token" className="">
      <form onSubmit={form.handleSubmit((v) => create.mutate(v))} className="grid max-w-xl grid-cols-2 gap-3" noValidate>
        <Field label="Token name" error={errors.name} description="What the token is for, e.g. the runbook that uses it.">
          <Input autoComplete="off" {...form.register("name")} />
        </Field>
        <Field label="Expires after (days)" error={errors.days} description={`1 to ${TOKEN_MAX_DAYS} days.`}>
          <Input type="number" min={1} max={TOKEN_MAX_DAYS} {...form.register("days", { valueAsNumber: true })} />
        </Field>
        <div className="col-span-2">
          <Button type="submit" variant="primary" disabled={create.isPending}>
            <KeyRound aria-hidden /> Create token
          </Button>
        </div>
      </form>
      {created ? (
        <div role="status" className="mt-3 grid max-w-3xl gap-2 rounded-sm bg-bg-muted p-3">
          <p>
            Token <span className="font-semibold">{created.name}</span> created. Copy it now: it is not shown again.
          </p>
          <Field label="New token">
            <Input readOnly value={created.token} className="font-mono" onFocus={(e) => e.currentTarget.select()} />
          </Field>
          <div>
            <Button
              size="sm"
              onClick={() => {
                void navigator.clipboard?.writeText(created.token).then(() => toast.success("Token copied."));
              }}
            >
              Copy token
            </Button>{" "}
            <Button size="sm" onClick={() => setCreated(null)}>
              Done
            </Button>
          </div>
        </div>
      ) : null}
    </Section>
  );
}
