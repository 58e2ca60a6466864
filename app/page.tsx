import { redirect } from "next/navigation";
import { serverCaller } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export default async function Home() {
  const caller = await serverCaller();
  const vaults = await caller.vault.list();
  const first = vaults[0];
  if (first) redirect(`/vaults/${first.id}/overview`);
  return (
    <main className="mx-auto max-w-xl p-10">
      <h1 className="text-xl font-semibold">No Recovery Services vault for you yet</h1>
      <p className="mt-2 text-fg-muted">
        You have no role in any vault. Ask an Owner to add you; on a new server, run <code>npm run db:seed</code> to create the demo vault.
      </p>
    </main>
  );
}
