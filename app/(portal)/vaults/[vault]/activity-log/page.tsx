import type { Metadata } from "next";
import { Suspense } from "react";
import { BladeHeader } from "@/components/shell/blade";
import { ActivityLogBlade } from "./activity-log-blade";

export const metadata: Metadata = { title: "Activity log" };

export default async function ActivityLogPage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault } = await params;
  return (
    <>
      <BladeHeader title="Activity log" subtitle="Every change, refusal and sign-in attempt, newest first. Secrets are never recorded." />
      <Suspense>
        <ActivityLogBlade vaultId={vault} />
      </Suspense>
    </>
  );
}
