"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Path } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FieldError, Input } from "@/components/ui/field";
import { useSchemaForm } from "@/components/ui/form";
import { authClient } from "@/components/auth/auth-client";
import { firstRunInput, type FirstRunInput } from "@/server/domain/users/schemas";

type SetupAnswer = { ok: boolean; message?: string; fieldErrors?: Record<string, string[]> };

/** "Create the first administrator": the token comes from the setup link, or is pasted when the link was not used. */
export function SetupForm({ token }: { token: string }) {
  const router = useRouter();
  const form = useSchemaForm(firstRunInput, { defaultValues: { name: "", email: "", password: "", token } });
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const onSubmit = form.handleSubmit((input) =>
    startTransition(async () => {
      let result: SetupAnswer;
      try {
        const res = await fetch("/api/setup", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(input),
        });
        result = (await res.json()) as SetupAnswer;
      } catch {
        result = { ok: false, message: "The portal did not answer. Nothing was created." };
      }
      setMessage(result.ok ? null : (result.message ?? null));
      for (const [name, messages] of Object.entries(result.fieldErrors ?? {}))
        form.setError(name as Path<FirstRunInput>, { type: "server", message: messages.join(" ") });
      if (!result.ok) return;
      const signIn = await authClient.signIn.email({ email: input.email, password: input.password });
      if (signIn.error) {
        router.push("/sign-in");
        return;
      }
      router.push("/");
      router.refresh();
    }),
  );

  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} className="grid gap-3" noValidate>
      {token ? (
        <input type="hidden" {...form.register("token")} />
      ) : (
        <Field label="Setup token" error={errors.token} description="The token in the one-time setup link npm start printed." required>
          <Input type="password" autoComplete="off" {...form.register("token")} />
        </Field>
      )}
      <Field label="Name" error={errors.name} required>
        <Input autoComplete="name" {...form.register("name")} />
      </Field>
      <Field label="Email" error={errors.email} required>
        <Input type="email" autoComplete="username" {...form.register("email")} />
      </Field>
      <Field label="Password" error={errors.password} description="At least 8 characters." required>
        <Input type="password" autoComplete="new-password" {...form.register("password")} />
      </Field>
      <FieldError error={message} size="body" />
      <Button type="submit" variant="primary" disabled={pending}>
        Create administrator
      </Button>
    </form>
  );
}
