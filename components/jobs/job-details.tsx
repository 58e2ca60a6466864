"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Ban, Play, RotateCcw } from "lucide-react";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "@/lib/trpc/client";
import { BladeHeader, QueryFallback, Section } from "@/components/shell/blade";
import { Button } from "@/components/ui/button";
import { LabelledValue } from "@/components/ui/field";
import { Progress } from "@/components/ui/progress";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { JobStatus } from "@/components/status/status";
import { SimpleTable } from "@/components/ui/simple-table";
import { toast } from "@/components/ui/toast";
import { formatDuration, formatTime } from "@/lib/labels";

const FINAL = ["succeeded", "failed", "cancelled"];

export function JobDetails({ vaultId, jobId }: { vaultId: string; jobId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data, error } = useQuery({
    ...trpc.jobs.get.queryOptions({ vaultId, jobId }),
    // Live updates come over the subscription; this slow poll only covers a dropped stream.
    refetchInterval: (q) => (q.state.data && FINAL.includes(q.state.data.job.status) ? false : 10_000),
  });
  const running = !!data && !FINAL.includes(data.job.status);
  useSubscription(
    trpc.jobs.onUpdate.subscriptionOptions(
      { vaultId, jobId },
      { enabled: running, onData: (details) => queryClient.setQueryData(trpc.jobs.get.queryKey({ vaultId, jobId }), details) },
    ),
  );
  const onDone = {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.jobs.pathKey() }),
    onError: (err: unknown) => toast.error(errorFieldsOf(err).message, { description: errorFieldsOf(err).recommendedAction ?? undefined }),
  };
  const cancel = useMutation(trpc.jobs.cancel.mutationOptions(onDone));
  const restart = useMutation(trpc.jobs.restart.mutationOptions(onDone));
  const resume = useMutation(trpc.jobs.resume.mutationOptions(onDone));
  if (error || !data) return <QueryFallback error={error} />;
  const { job, steps, allowed } = data;
  const waiting = steps.find((s) => s.status === "waiting-for-input");
  return (
    <>
      <BladeHeader
        title={job.name}
        subtitle={`Job · ${job.targetName}`}
        commands={
          <>
            {allowed.cancel ? (
              <Button variant="command" onClick={() => cancel.mutate({ vaultId, jobId })} disabled={cancel.isPending}>
                <Ban aria-hidden /> Cancel
              </Button>
            ) : null}
            {allowed.restart ? (
              <Button variant="command" onClick={() => restart.mutate({ vaultId, jobId })} disabled={restart.isPending}>
                <RotateCcw aria-hidden /> Restart
              </Button>
            ) : null}
            {allowed.resume ? (
              <Button variant="command" onClick={() => resume.mutate({ vaultId, jobId })} disabled={resume.isPending}>
                <Play aria-hidden /> Resume
              </Button>
            ) : null}
          </>
        }
      />
      <dl>
        <LabelledValue id="job-status" label="Job status">
          <JobStatus status={job.status} />
        </LabelledValue>
        <LabelledValue id="job-target" label="Item">
          {job.targetType === "replicated-item" || job.targetType === "recovery-plan" ? (
            <Link
              href={`/vaults/${vaultId}/${job.targetType === "replicated-item" ? "replicated-items" : "recovery-plans"}/${job.targetId}`}
              className="text-accent hover:underline"
            >
              {job.targetName}
            </Link>
          ) : (
            job.targetName
          )}
        </LabelledValue>
        <LabelledValue id="job-started-by" label="Started by">
          {data.startedBy.kind === "user" ? `${data.startedBy.name} (${data.startedBy.email})` : data.startedBy.name}
        </LabelledValue>
        <LabelledValue id="job-start" label="Start time">
          {formatTime(job.startedAt ?? job.createdAt)}
        </LabelledValue>
        <LabelledValue id="job-duration" label="Duration">
          {formatDuration(job.durationMs)}
        </LabelledValue>
        <LabelledValue id="job-id" label="Job ID">
          <span className="font-mono text-xs">{job.id}</span>
        </LabelledValue>
      </dl>
      {job.status === "in-progress" ? (
        <div className="mt-2 max-w-md">
          <Progress value={data.progressPercent} label="Job progress" />
        </div>
      ) : null}
      {waiting ? (
        <p className="mt-3 border-l-4 border-warning bg-bg-subtle p-3">
          The step “{waiting.name}” waits for a manual action. Do it, then select <strong>Resume</strong>.
        </p>
      ) : null}
      {job.error ? (
        <Section title="Error details">
          <ErrorDetails error={job.error} />
        </Section>
      ) : null}
      <Section title="Job steps">
        <SimpleTable
          label="Job steps"
          rows={steps}
          columns={[
            { header: "Name", cell: (s) => s.name },
            {
              header: "Status",
              cell: (s) => (
                <span className="inline-flex items-center gap-1">
                  <JobStatus status={s.status} />
                  {s.status === "in-progress" ? <span className="text-fg-muted">({Math.floor(s.progressPercent)}%)</span> : null}
                </span>
              ),
            },
            { header: "Start time", cell: (s) => formatTime(s.startedAt) },
            { header: "End time", cell: (s) => formatTime(s.endedAt) },
            { header: "Duration", cell: (s) => formatDuration(s.durationMs) },
            {
              header: "Error",
              cell: (s) =>
                s.error ? `${s.error.code}: ${s.error.message}` : s.status === "waiting-for-input" && s.message ? s.message : "—",
            },
          ]}
        />
      </Section>
      <Section title="Inputs">
        {Object.keys(data.inputs).length ? (
          <dl>
            {Object.entries(data.inputs).map(([k, v]) => (
              <LabelledValue key={k} id={`job-input-${k}`} label={k}>
                <span className="font-mono text-xs">{typeof v === "string" ? v : JSON.stringify(v)}</span>
              </LabelledValue>
            ))}
          </dl>
        ) : (
          <p className="text-fg-muted">This job took no inputs.</p>
        )}
      </Section>
      {data.related.planJob ? (
        <p className="mt-3">
          Started by the recovery plan{" "}
          <Link href={`/vaults/${vaultId}/recovery-plans/${data.related.planJob.planId}`} className="text-accent hover:underline">
            {data.related.planJob.planName}
          </Link>{" "}
          (
          <Link href={`/vaults/${vaultId}/jobs/${data.related.planJob.jobId}`} className="text-accent hover:underline">
            its job
          </Link>
          ).
        </p>
      ) : null}
      {data.related.itemJobs.length ? (
        <Section title="Items">
          <SimpleTable
            label="Items of this job"
            rows={data.related.itemJobs.map((r) => ({ ...r, id: r.itemId }))}
            columns={[
              { header: "Group", cell: (r) => `Group ${r.group}` },
              {
                header: "Item",
                cell: (r) => (
                  <Link href={`/vaults/${vaultId}/replicated-items/${r.itemId}`} className="text-accent hover:underline">
                    {r.itemName}
                  </Link>
                ),
              },
              {
                header: "Item job",
                cell: (r) =>
                  r.jobId ? (
                    <Link href={`/vaults/${vaultId}/jobs/${r.jobId}`} className="text-accent hover:underline">
                      {r.status ? <JobStatus status={r.status} /> : "Open"}
                    </Link>
                  ) : (
                    "Not started"
                  ),
              },
            ]}
          />
        </Section>
      ) : null}
    </>
  );
}
