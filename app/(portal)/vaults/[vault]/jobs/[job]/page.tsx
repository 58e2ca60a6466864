import { notFound } from "next/navigation";
import { HydrateClient, prefetchOrNotFound, trpc } from "@/lib/trpc/server";
import { JobDetails } from "@/components/jobs/job-details";

export default async function JobPage({ params }: { params: Promise<{ vault: string; job: string }> }) {
  const { vault, job } = await params;
  if (!(await prefetchOrNotFound(trpc.jobs.get.queryOptions({ vaultId: vault, jobId: job })))) notFound();
  return (
    <HydrateClient>
      <JobDetails vaultId={vault} jobId={job} />
    </HydrateClient>
  );
}
