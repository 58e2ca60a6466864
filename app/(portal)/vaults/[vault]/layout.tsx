import Link from "next/link";
import { notFound } from "next/navigation";
import { ShieldCheck } from "lucide-react";
import { serverCaller } from "@/lib/trpc/server";
import { VaultNav } from "@/components/shell/vault-nav";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { loadOrNotFound } from "@/lib/trpc/load";
import { VaultChangesProvider } from "@/lib/vault-changes";

export default async function VaultLayout({ children, params }: { children: React.ReactNode; params: Promise<{ vault: string }> }) {
  const { vault: vaultId } = await params;
  const caller = await serverCaller();
  const vault = await loadOrNotFound(() => caller.vault.get({ vaultId }));
  if (!vault) notFound();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex h-10 items-center gap-3 bg-topbar px-3 text-white">
        <Link href="/" className="flex items-center gap-2 font-semibold">
          <ShieldCheck aria-hidden className="size-5" />
          Failback Portal
        </Link>
        <span aria-hidden className="text-white/40">
          |
        </span>
        <span className="text-white/90">
          Recovery Services vault: <span className="font-semibold">{vault.name}</span>
        </span>
        <span className="ml-auto flex items-center gap-1">
          <ThemeToggle />
          <Link href={`/vaults/${vault.id}/profile`} className="rounded-sm px-2 py-1 hover:bg-white/10">
            Profile
          </Link>
          <SignOutButton />
        </span>
      </header>
      <div className="flex flex-1">
        <VaultNav vaultId={vault.id} />
        <div className="min-w-0 flex-1">
          <Breadcrumbs vaultId={vault.id} vaultName={vault.name} />
          <main className="px-5 pt-2 pb-10">
            <VaultChangesProvider vaultId={vault.id}>{children}</VaultChangesProvider>
          </main>
        </div>
      </div>
    </div>
  );
}
