import type { Metadata } from "next";
import { BladeHeader } from "@/components/shell/blade";
import { UsersBlade } from "./users-blade";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault } = await params;
  return (
    <>
      <BladeHeader title="Users" subtitle="Who can sign in to this vault, and with which role." />
      <UsersBlade vaultId={vault} />
    </>
  );
}
