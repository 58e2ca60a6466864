import type { Metadata } from "next";
import { Suspense } from "react";
import { BladeHeader } from "@/components/shell/blade";
import { JobsGrid } from "@/components/jobs/jobs-grid";
import { JOB_OPERATIONS, JOB_OPERATION_LABEL, JOB_TIME_RANGE_KEYS, JOB_TIME_RANGES } from "@/server/domain/jobs/inputs";

const OPERATIONS = JOB_OPERATIONS.map((k) => [k, JOB_OPERATION_LABEL[k]] as const);
const RANGES = JOB_TIME_RANGE_KEYS.map((k) => [k, JOB_TIME_RANGES[k].label] as const);

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage({ params }: { params: Promise<{ vault: string }> }) {
  const { vault } = await params;
  return (
    <>
      <BladeHeader title="Site Recovery jobs" subtitle="Every operation runs as a job; open one to see its steps and errors." />
      <Suspense>
        <JobsGrid vaultId={vault} operations={OPERATIONS} ranges={RANGES} />
      </Suspense>
    </>
  );
}
