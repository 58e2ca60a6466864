import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { needsFirstAdministrator } from "@/server/auth/users";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create the first administrator" };

export default function SetupPage() {
  if (!needsFirstAdministrator(getDb())) redirect("/sign-in");
  return (
    <>
      <h1 className="text-lg font-semibold">Create the first administrator</h1>
      <p className="mt-1 mb-4 text-fg-muted">
        No one can sign in yet. This account becomes Owner of every vault and can add other users. There is no default password: choose one
        now.
      </p>
      <SetupForm />
    </>
  );
}
