"use client";

import dynamic from "next/dynamic";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { Section } from "@/components/shell/blade";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";

/** The form and its schema load after the blade's first script. */
const CreateTokenForm = dynamic(() => import("./create-token-form").then((m) => m.CreateTokenForm));

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
      <Section id="tokens-heading" title="Personal access tokens" className="">
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
      </Section>
    </div>
  );
}
