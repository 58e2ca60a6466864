"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useSchemaForm } from "@/components/ui/form";
import { useServerErrors } from "@/components/ui/use-server-errors";
import { fieldErrorsOf } from "@/lib/forms";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { createTokenInput, TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from "@/server/domain/tokens/inputs";

const STATUS_LABEL = { active: "Active", expired: "Expired", revoked: "Revoked" } as const;

/** The Profile blade: who is signed in, and their personal access tokens (create, shown once; revoke). */
export function ProfileBlade({ vaultId }: { vaultId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.users.me.queryOptions({ vaultId }));
  const tokens = useQuery(trpc.tokens.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
  const revoke = useMutation(
    trpc.tokens.revoke.mutationOptions({
      onSuccess: (t) => {
        toast.success(`Token ${t.name} revoked.`);
        void invalidate();
      },
      onError: (e) => toast.error(e.message),
    }),
  );

  return (
    <div className="grid gap-6">
      {me.data ? (
        <p>
          Signed in as <span className="font-semibold">{me.data.user.name}</span> ({me.data.user.email})
          {me.data.roleLabel ? `, ${me.data.roleLabel} of this vault.` : "."}
        </p>
      ) : null}
      <CreateTokenForm onCreated={invalidate} />
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="mb-2 text-base font-semibold">
          Personal access tokens
        </h2>
        <p className="mb-2 text-fg-muted">
          A token acts as you: your role in each vault applies to every call, and every call is in the activity log.
        </p>
        {tokens.error ? (
          <p role="alert" className="text-danger">
            {tokens.error.message}
          </p>
        ) : null}
        {tokens.data && tokens.data.length === 0 ? <p>You have no tokens.</p> : null}
        {tokens.data && tokens.data.length > 0 ? (
          <Table aria-labelledby="tokens-heading">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Starts with</TableHead>
                <TableHead>Created</TableHead>
                <TableHead>Expires</TableHead>
                <TableHead>Last used</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tokens.data.map((t) => (
                <TableRow key={t.id}>
                  <TableCell>{t.name}</TableCell>
                  <TableCell>
                    <code>{t.prefix}…</code>
                  </TableCell>
                  <TableCell>{t.createdAt.toLocaleString()}</TableCell>
                  <TableCell>{t.expiresAt.toLocaleString()}</TableCell>
                  <TableCell>{t.lastUsedAt ? t.lastUsedAt.toLocaleString() : "Never"}</TableCell>
                  <TableCell>{STATUS_LABEL[t.status]}</TableCell>
                  <TableCell className="text-right">
                    {t.status === "active" ? (
                      <Button
                        size="sm"
                        aria-label={`Revoke token ${t.name}`}
                        disabled={revoke.isPending}
                        onClick={() => {
                          if (window.confirm(`Revoke the token ${t.name}? Scripts using it stop working.`))
                            revoke.mutate({ tokenId: t.id });
                        }}
                      >
                        Revoke
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </section>
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: () => void }) {
  const trpc = useTRPC();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const form = useSchemaForm(createTokenInput, { defaultValues: { name: "", days: TOKEN_DEFAULT_DAYS } });
  const create = useMutation(
    trpc.tokens.create.mutationOptions({
      onSuccess: (t) => {
        form.reset();
        setCreated({ name: t.name, token: t.token });
        onCreated();
      },
      onError: (err) => {
        if (!Object.keys(fieldErrorsOf(err)).length) toast.error(err.message);
      },
    }),
  );
  useServerErrors(form, create.error);
  const errors = form.formState.errors;

  return (
    <section aria-labelledby="create-token-heading">
      <h2 id="create-token-heading" className="mb-2 text-base font-semibold">
        Create a token
      </h2>
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
    </section>
  );
}
