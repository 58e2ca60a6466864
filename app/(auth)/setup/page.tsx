import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { needsFirstAdministrator } from "@/server/auth/users";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create the first administrator" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  if (!needsFirstAdministrator(getDb())) redirect("/sign-in");
  const { token } = await searchParams;
  const given = typeof token === "string" ? token.slice(0, 512) : "";
  return (
    <>
      <h1 className="text-lg font-semibold">Create the first administrator</h1>
      <p className="mt-1 mb-4 text-fg-muted">
        No one can sign in yet. This account becomes Owner of every vault and can add other users. There is no default password: choose one
        now.
      </p>
      {given ? null : (
        <p role="note" className="mb-3 rounded-sm bg-bg-muted px-2 py-1">
          Only the person who started the portal can do this: open the one-time setup link that <code>npm start</code> printed (also in the
          server log), or paste its token below.
        </p>
      )}
      <SetupForm token={given} />
    </>
  );
}
