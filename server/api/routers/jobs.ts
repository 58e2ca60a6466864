import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import { createTRPCRouter, operatorProcedure, readerProcedure, toTRPCError, vaultNotFound, verb } from "../trpc";
import { memberRole } from "@/server/domain/users/members";
import { cancelJob, restartJob, resumeJob } from "@/server/jobs/operations";
import { getJob, jobTargets, jobViewFingerprint, listJobs, listJobsInput, nextProgressInMs, type JobDetails } from "@/server/jobs/progress";
import { FINAL_JOB_STATUSES } from "@/server/jobs/engine";
// Route handlers are a separate module graph from instrumentation: register the definitions here too.
import "@/server/jobs/definitions";
import { vaultInput } from "../inputs";
import { ChangeQueue, subscribeChanges } from "@/server/changes/feed";

const jobInput = vaultInput.extend({ jobId: z.string().min(1).max(ID_MAX) });

/** A stream checks the caller's role at least this often (a removed member's stream ends). */
const RECHECK_MS = 5_000;

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
  /**
   * Live job details (SSE): yields the read model whenever it changes, ends when the job is final.
   * Pushed: the job is read again when the vault's change feed names it (after a commit), and while
   * a step runs when its progress reaches the next percent. A job that waits costs nothing but
   * the role check every few seconds.
   */
  onUpdate: readerProcedure.input(jobInput).subscription(async function* ({ ctx, input, signal }) {
    // Errors thrown inside the generator bypass the procedure middleware: map them here.
    const read = (): JobDetails => {
      try {
        // A stream lasts: the caller's role is checked again before anything is read or sent (removed ⇒ the stream ends).
        if (!memberRole(ctx.db, input.vaultId, ctx.user.id)) throw vaultNotFound(input.vaultId);
        return getJob(ctx.db, input);
      } catch (err) {
        throw toTRPCError(err);
      }
    };
    // Listening before the first read: nothing committed in between is missed.
    const queue = new ChangeQueue();
    const stop = subscribeChanges(ctx.db, input.vaultId, queue.push);
    try {
      let details = read();
      let last = jobViewFingerprint(details);
      yield details;
      while (!signal?.aborted && !FINAL_JOB_STATUSES.includes(details.job.status)) {
        const progressIn = nextProgressInMs(ctx.db, details);
        const { changes } = await queue.next(signal, Math.min(RECHECK_MS, progressIn ?? RECHECK_MS));
        if (signal?.aborted) return;
        const named = changes.some((c) => c.kind === "job" && (c.ids === null || c.ids.includes(input.jobId)));
        if (!named && progressIn == null) {
          // Only the role check was due.
          if (!memberRole(ctx.db, input.vaultId, ctx.user.id)) throw toTRPCError(vaultNotFound(input.vaultId));
          continue;
        }
        details = read();
        const fp = jobViewFingerprint(details);
        if (fp !== last) {
          last = fp;
          yield details;
        }
      }
    } finally {
      stop();
    }
  }),
});
