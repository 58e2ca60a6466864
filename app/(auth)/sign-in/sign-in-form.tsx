"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field, FieldError, Input } from "@/components/ui/field";
import { useSchemaForm } from "@/components/ui/form";
import { authClient, safeNext } from "@/components/auth/auth-client";
import { emailSchema } from "@/server/domain/users/schemas";

/** Sign-in has no verb of ours (Better Auth checks the password): the email is read as users are created. */
const signInForm = z.object({ email: emailSchema, password: z.string().min(1, "Enter your password.") });

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const form = useSchemaForm(signInForm, { defaultValues: { email: "", password: "" } });
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const onSubmit = form.handleSubmit(({ email, password }) =>
    startTransition(async () => {
      setError(null);
      const res = await authClient.signIn.email({ email, password });
      if (res.error) {
        // Generic on purpose: never say whether the email exists.
        setError(
          res.error.status === 429 ? "Too many sign-in attempts. Wait a minute, then try again." : "The email or password is incorrect.",
        );
        return;
      }
      router.push(safeNext(next));
      router.refresh();
    }),
  );

  return (
    <form onSubmit={onSubmit} className="grid gap-3" noValidate>
      <Field label="Email" error={form.formState.errors.email}>
        <Input type="email" autoComplete="username" {...form.register("email")} />
      </Field>
      <Field label="Password" error={form.formState.errors.password}>
        <Input type="password" autoComplete="current-password" {...form.register("password")} />
      </Field>
      <FieldError error={error} size="body" />
      <Button type="submit" variant="primary" disabled={pending}>
        Sign in
      </Button>
    </form>
  );
}
