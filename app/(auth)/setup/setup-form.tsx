"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Path } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, FieldError, Input } from "@/components/ui/field";
import { useSchemaForm } from "@/components/ui/form";
import { authClient } from "@/components/auth/auth-client";
import { firstAdministratorInput, type FirstAdministratorInput } from "@/server/domain/users/schemas";
import { createFirstAdministratorAction } from "./actions";

export function SetupForm() {
  const router = useRouter();
  const form = useSchemaForm(firstAdministratorInput, { defaultValues: { name: "", email: "", password: "" } });
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const onSubmit = form.handleSubmit((input) =>
    startTransition(async () => {
      const result = await createFirstAdministratorAction(input);
      setMessage(result.ok ? null : (result.message ?? null));
      for (const [name, messages] of Object.entries(result.fieldErrors ?? {}))
        form.setError(name as Path<FirstAdministratorInput>, { type: "server", message: messages.join(" ") });
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
      <Field label="Name" error={errors.name} required>
        <Input autoComplete="name" {...form.register("name")} />
      </Field>
      <Field label="Email" error={errors.email} required>
        <Input type="email" autoComplete="username" {...form.register("email")} />
      </Field>
      <Field label="Password" error={errors.password} description="At least 8 characters." required>
        <Input type="password" autoComplete="new-password" {...form.register("password")} />
      </Field>
      <FieldError error={message} className="text-[13px]" />
      <Button type="submit" variant="primary" disabled={pending}>
        Create administrator
      </Button>
    </form>
  );
}
