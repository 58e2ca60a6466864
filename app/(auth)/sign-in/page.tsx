import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { needsFirstAdministrator } from "@/server/auth/users";
import { getSessionUser } from "@/server/auth/session";
import { safeNext } from "@/lib/safe-next";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; expired?: string }> }) {
  if (needsFirstAdministrator(getDb())) redirect("/setup");
  const { next, expired } = await searchParams;
  if (await getSessionUser(await headers())) redirect(safeNext(next));
  return (
    <>
      <h1 className="text-lg font-semibold">Sign in</h1>
      <p className="mt-1 mb-4 text-fg-muted">Sign in to the Failback Portal to manage Site Recovery.</p>
      {expired ? (
        <p role="status" className="mb-3 rounded-sm bg-bg-muted px-2 py-1">
          Your session has expired. Sign in again to continue.
        </p>
      ) : null}
      <SignInForm next={safeNext(next)} />
    </>
  );
}
