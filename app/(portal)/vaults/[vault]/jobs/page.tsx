import type { Metadata } from "next";
import { Suspense } from "react";
import { BladeHeader } from "@/components/shell/blade";
import { JobsGrid } from "@/components/jobs/jobs-grid";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault } = await params;
  return (
    <>
      <BladeHeader title="Site Recovery jobs" subtitle="Every operation runs as a job; open one to see its steps and errors." />
      <Suspense>
        <JobsGrid vaultId={vault} />
      </Suspense>
    </>
  );
}
