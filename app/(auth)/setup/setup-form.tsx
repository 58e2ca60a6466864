"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { authClient } from "@/components/auth/auth-client";
import { createFirstAdministratorAction, type SetupState } from "./actions";

export function SetupForm() {
  const router = useRouter();
  const [state, setState] = useState<SetupState | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    startTransition(async () => {
      const result = await createFirstAdministratorAction(input);
      setState(result);
      if (!result.ok) return;
      const signIn = await authClient.signIn.email({ email: input.email, password: input.password });
      if (signIn.error) {
        router.push("/sign-in");
        return;
      }
      router.push("/");
      router.refresh();
    });
  }

  const fe = state?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="grid gap-3" noValidate>
      <Field label="Name" htmlFor="name" error={fe.name} required>
        <Input id="name" name="name" autoComplete="name" required aria-invalid={!!fe.name} />
      </Field>
      <Field label="Email" htmlFor="email" error={fe.email} required>
        <Input id="email" name="email" type="email" autoComplete="username" required aria-invalid={!!fe.email} />
      </Field>
      <Field label="Password" htmlFor="password" error={fe.password} description="At least 8 characters." required>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          aria-invalid={!!fe.password}
        />
      </Field>
      {state && !state.ok && state.message ? (
        <p role="alert" className="text-danger">
          {state.message}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={pending}>
        Create administrator
      </Button>
    </form>
  );
}
