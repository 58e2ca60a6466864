"use client";

import dynamic from "next/dynamic";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useCan } from "@/components/auth/role-gate";
import { Button } from "@/components/ui/button";
import { Section } from "@/components/shell/blade";
import { Select, SelectOptions } from "@/components/ui/field";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { ROLES, ROLE_DESCRIPTION, ROLE_LABEL, type Role } from "@/server/domain/users/roles";

const ROLE_OPTIONS = ROLES.map((r) => ({ id: r, name: ROLE_LABEL[r] }));

/** The form and its schema load with the blade's data, not with its first script. */
const AddUserForm = dynamic(() => import("./add-user-form").then((m) => m.AddUserForm));

export function UsersBlade({ vaultId }: { vaultId: string }) {
  const can = useCan("manageUsers", vaultId);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery({ ...trpc.users.list.queryOptions({ vaultId }), enabled: can.allowed });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey({ vaultId }) });

  const setRole = useMutation(trpc.users.setRole.mutationOptions({ onSuccess: invalidate, onError: (e) => toast.error(e.message) }));
  const remove = useMutation(
    trpc.users.remove.mutationOptions({
      onSuccess: () => {
        toast.success("Removed from the vault.");
        void invalidate();
      },
      onError: (e) => toast.error(e.message),
    }),
  );

  if (can.loading) return <p className="text-fg-muted">Loading…</p>;
  if (!can.allowed)
    return (
      <p role="status" className="rounded-sm bg-bg-muted p-3">
        {can.reason}
      </p>
    );

  return (
    <div className="grid gap-6">
      <AddUserForm vaultId={vaultId} roleOptions={ROLE_OPTIONS} onAdded={invalidate} />
      <Section id="members-heading" title="Members" className="">
        {members.error ? (
          <p role="alert" className="text-danger">
            {members.error.message}
          </p>
        ) : null}
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Email</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(members.data ?? []).map((m) => (
              <TableRow key={m.email}>
                <TableCell>{m.name}</TableCell>
                <TableCell>{m.email}</TableCell>
                <TableCell>
                  <Select
                    aria-label={`Role of ${m.name}`}
                    value={m.role}
                    width="w-40"
                    disabled={setRole.isPending}
                    onChange={(e) => setRole.mutate({ vaultId, email: m.email, role: e.target.value as Role })}
                  >
                    <SelectOptions items={ROLE_OPTIONS} />
                  </Select>
                </TableCell>
                <TableCell className="text-right">
                  <Button
                    size="sm"
                    aria-label={`Remove ${m.name} from the vault`}
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(`Remove ${m.name} from this vault?`)) remove.mutate({ vaultId, email: m.email });
                    }}
                  >
                    Remove
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <Section id="roles-heading" title="Roles" className="">
        <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1">
          {[...ROLES].reverse().map((r) => (
            <div key={r} className="contents">
              <dt className="font-semibold">{ROLE_LABEL[r]}</dt>
              <dd>{ROLE_DESCRIPTION[r]}</dd>
            </div>
          ))}
        </dl>
      </Section>
    </div>
  );
}
