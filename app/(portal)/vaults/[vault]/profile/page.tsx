import type { Metadata } from "next";
import { BladeHeader } from "@/components/shell/blade";
import { ProfileBlade } from "./profile-blade";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault } = await params;
  return (
    <>
      <BladeHeader title="Profile" subtitle="Your personal access tokens for the automation API." />
      <ProfileBlade vaultId={vault} />
    </>
  );
}
