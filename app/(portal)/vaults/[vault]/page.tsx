import { redirect } from "next/navigation";

export default async function VaultIndex({ params }: { params: Promise<{ vault: string }> }) {
  const { vault } = await params;
  redirect(`/vaults/${vault}/overview`);
}
