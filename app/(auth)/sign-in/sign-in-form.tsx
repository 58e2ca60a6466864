"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { authClient, safeNext } from "@/components/auth/auth-client";

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
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
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-3">
      <Field label="Email" htmlFor="email">
        <Input id="email" name="email" type="email" autoComplete="username" required />
      </Field>
      <Field label="Password" htmlFor="password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      {error ? (
        <p role="alert" className="text-danger">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={pending}>
        Sign in
      </Button>
    </form>
  );
}
