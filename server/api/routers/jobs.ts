import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import { createTRPCRouter, operatorProcedure, readerProcedure, toTRPCError, vaultNotFound, verb } from "../trpc";
import { memberRole } from "@/server/domain/users/members";
import { cancelJob, restartJob, resumeJob } from "@/server/jobs/operations";
import { getJob, jobTargets, listJobs, listJobsInput, type JobDetails } from "@/server/jobs/progress";
import { FINAL_JOB_STATUSES } from "@/server/jobs/engine";
// Route handlers are a separate module graph from instrumentation: register the definitions here too.
import "@/server/jobs/definitions";
import { vaultInput } from "../inputs";

const jobInput = vaultInput.extend({ jobId: z.string().min(1).max(ID_MAX) });

/** How often the live view polls the database; the engine itself ticks every 500 ms. */
const POLL_MS = 500;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** What makes a job view worth sending again (progress in whole percents, not every millisecond). */
function fingerprint(d: JobDetails): string {
  return JSON.stringify([
    d.job.status,
    d.job.error?.code,
    d.progressPercent,
    d.steps.map((s) => [s.status, s.progressPercent, s.error?.code ?? null]),
  ]);
}

export const jobsRouter = createTRPCRouter({
  list: readerProcedure.input(listJobsInput).query(({ ctx, input }) => listJobs(ctx.db, input)),
  targets: readerProcedure.input(vaultInput).query(({ ctx, input }) => jobTargets(ctx.db, input.vaultId)),
  get: readerProcedure.input(jobInput).query(({ ctx, input }) => getJob(ctx.db, input)),
  cancel: operatorProcedure
    .meta({ operation: "cancelJob" })
    .input(jobInput)
    .mutation(verb(cancelJob, (i) => i.jobId)),
  restart: operatorProcedure
    .meta({ operation: "restartJob" })
    .input(jobInput)
    .mutation(verb(restartJob, (i) => i.jobId)),
  resume: operatorProcedure
    .meta({ operation: "resumeJob" })
    .input(jobInput)
    .mutation(verb(resumeJob, (i) => i.jobId)),
  /** Live job details (SSE): yields the read model whenever it changes, ends when the job is final. */
  onUpdate: readerProcedure.input(jobInput).subscription(async function* ({ ctx, input, signal }) {
    let last = "";
    while (!signal?.aborted) {
      let details: JobDetails;
      try {
        // A stream lasts: the caller's role is checked again on every poll (removed ⇒ the stream ends).
        if (!memberRole(ctx.db, input.vaultId, ctx.user.id)) throw vaultNotFound(input.vaultId);
        details = getJob(ctx.db, input);
      } catch (err) {
        // Errors thrown inside the generator bypass the procedure middleware: map them here.
        throw toTRPCError(err);
      }
      const fp = fingerprint(details);
      if (fp !== last) {
        last = fp;
        yield details;
      }
      if (FINAL_JOB_STATUSES.includes(details.job.status)) return;
      await sleep(POLL_MS, signal);
    }
  }),
});
