"use client";

import { UserPlus } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { Section } from "@/components/shell/blade";
import { Field, Input, Select, SelectOptions } from "@/components/ui/field";
import { useSchemaForm } from "@/components/ui/form";
import { useFormMutation } from "@/components/ui/use-server-errors";
import { toast } from "@/components/ui/toast";
import { addUserInput } from "@/server/domain/users/schemas";

/** The Users blade's "Add a user" form (loaded on demand by users-blade.tsx). */
const addUserForm = addUserInput.omit({ vaultId: true });

export function AddUserForm({
  vaultId,
  roleOptions,
  onAdded,
}: {
  vaultId: string;
  roleOptions: { id: string; name: string }[];
  onAdded: () => void;
}) {
  const trpc = useTRPC();
  const form = useSchemaForm(addUserForm, { defaultValues: { name: "", email: "", password: "", role: "reader" } });
  const add = useFormMutation(form, trpc.users.add.mutationOptions(), (r) => {
    toast.success(r.existingAccount ? "Added to the vault; they sign in with their own password." : "User added.");
    onAdded();
  });
  const errors = form.formState.errors;

  return (
    <Section id="add-user-heading" title="Add a user" className="">
      <form onSubmit={form.handleSubmit((v) => add.mutate({ vaultId, ...v }))} className="grid max-w-xl grid-cols-2 gap-3" noValidate>
        <Field label="Name" error={errors.name}>
          <Input {...form.register("name")} />
        </Field>
        <Field label="Email" error={errors.email}>
          <Input type="email" autoComplete="off" {...form.register("email")} />
        </Field>
        <Field
          label="Initial password"
          error={errors.password}
          description="For a new account: at least 8 characters; share it privately. Someone who already has an account keeps their password."
        >
          <Input type="password" autoComplete="new-password" {...form.register("password")} />
        </Field>
        <Field label="Role" error={errors.role}>
          <Select {...form.register("role")}>
            <SelectOptions items={roleOptions} />
          </Select>
        </Field>
        <div className="col-span-2">
          <Button type="submit" variant="primary" disabled={add.isPending}>
            <UserPlus aria-hidden /> Add user
          </Button>
        </div>
      </form>
    </Section>
  );
}
