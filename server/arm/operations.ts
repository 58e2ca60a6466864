/**
 * Long-running operations the ARM way. Starting one answers 202 Accepted with `Location`,
 * `Azure-AsyncOperation` and `Retry-After`; the status endpoint reports InProgress, Succeeded,
 * Failed (with the job's error) or Canceled from the persisted job, and the result endpoint
 * answers the resource the operation worked on once the job has ended, so the SDK's
 * `begin…AndWait` methods poll to completion.
 *
 * Idempotent start: the SDK retries a request (same `x-ms-client-request-id`) when the answer was
 * lost or was a 5xx; a retry of a request that already started a job answers that job again
 * instead of starting a second one (or being refused because the first is running).
 */
import { vaultPath, link, runVerb, type ArmContext } from "./context";
import { jobModel, LRO_STATUS } from "./models";
import { json } from "./respond";

export const RETRY_AFTER_SECONDS = 1;

const operationStatusPath = (ctx: ArmContext, jobId: string) => `${vaultPath(ctx.vault)}/replicationOperationStatus/${jobId}`;
const operationResultPath = (ctx: ArmContext, jobId: string) => `${vaultPath(ctx.vault)}/replicationOperationResults/${jobId}`;

export function lroHeaders(ctx: ArmContext, jobId: string): Record<string, string> {
  return {
    location: link(ctx, operationResultPath(ctx, jobId)),
    "azure-asyncoperation": link(ctx, operationStatusPath(ctx, jobId)),
    "retry-after": String(RETRY_AFTER_SECONDS),
  };
}

/** 202 Accepted for a started job (the body is empty, as ARM's). */
export function accepted(ctx: ArmContext, jobId: string): Response {
  return new Response(null, { status: 202, headers: lroHeaders(ctx, jobId) });
}

// ---- idempotent start --------------------------------------------------------------------------

const STARTED_TTL_MS = 10 * 60_000;
const STARTED_MAX = 1000;
const g = globalThis as unknown as { __armStarted?: Map<string, { jobId: string; at: number }> };
const started = (g.__armStarted ??= new Map());

function startKey(ctx: ArmContext, operation: string): string | null {
  return ctx.clientRequestId ? `${ctx.user.id}|${ctx.vault.id}|${operation}|${ctx.clientRequestId}` : null;
}

/**
 * Runs `start` (a tRPC mutation that starts a job) once per client request id and answers 202 for
 * its job. Nothing after the job is created can throw, so a started job never answers 5xx.
 */
export async function startOnce(ctx: ArmContext, operation: string, start: () => Promise<{ jobId: string }>): Promise<Response> {
  const key = startKey(ctx, operation);
  const now = Date.now();
  const previous = key ? started.get(key) : undefined;
  if (previous && now - previous.at < STARTED_TTL_MS) return accepted(ctx, previous.jobId);
  const { jobId } = await runVerb(ctx, start);
  if (key) {
    if (started.size >= STARTED_MAX)
      for (const [k, v] of started) if (now - v.at >= STARTED_TTL_MS || started.size >= STARTED_MAX) started.delete(k);
    started.set(key, { jobId, at: now });
  }
  return accepted(ctx, jobId);
}

// ---- status and result --------------------------------------------------------------------------

/** GET …/replicationOperationStatus/{jobId}: the Azure-AsyncOperation body. */
export async function operationStatus(ctx: ArmContext, jobId: string): Promise<Response> {
  const d = await ctx.caller.jobs.get({ vaultId: ctx.vault.id, jobId });
  const status = LRO_STATUS[d.job.status];
  const body: Record<string, unknown> = {
    id: operationStatusPath(ctx, jobId),
    name: jobId,
    status,
    startTime: (d.job.startedAt ?? d.job.createdAt).toISOString(),
    endTime: d.job.endedAt?.toISOString(),
    percentComplete: d.progressPercent,
  };
  if (status === "Failed" || status === "Canceled")
    body.error = {
      code: d.job.error?.code ?? (status === "Canceled" ? "OperationCanceled" : "OperationFailed"),
      message: d.job.error?.message ?? `The job ${d.job.name} ${status === "Canceled" ? "was cancelled" : "failed"}.`,
      details: [
        ...(d.job.error?.possibleCauses ? [{ code: "PossibleCauses", message: d.job.error.possibleCauses }] : []),
        ...(d.job.error?.recommendedAction ? [{ code: "RecommendedAction", message: d.job.error.recommendedAction }] : []),
      ],
    };
  const headers = status === "InProgress" ? { "retry-after": String(RETRY_AFTER_SECONDS) } : undefined;
  return json(body, 200, headers);
}

/**
 * GET …/replicationOperationResults/{jobId}: 202 while the job runs; then the resource the job
 * worked on (the protected item or the recovery plan), or the job itself for other targets.
 */
export async function operationResult(
  ctx: ArmContext,
  jobId: string,
  resourceOf: (target: { targetType: string; targetId: string }) => Promise<unknown | null>,
): Promise<Response> {
  const d = await ctx.caller.jobs.get({ vaultId: ctx.vault.id, jobId });
  if (LRO_STATUS[d.job.status] === "InProgress") return accepted(ctx, jobId);
  const resource = await resourceOf(d.job);
  return json(resource ?? jobModel(ctx.vault, d.job, { steps: d.steps, allowed: d.allowed }), 200);
}
