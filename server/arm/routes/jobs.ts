/** replicationJobs: list (with $filter and nextLink paging), get, cancel, restart, resume. */
import { type JobStatus } from "@/db/schema";
import { link, runVerb, vaultPath, type ArmContext } from "../context";
import { filterClauses } from "../body";
import { badRequest } from "../errors";
import { JOB_STATE, jobModel } from "../models";
import { json, page } from "../respond";

const STATUS_OF = Object.fromEntries(Object.entries(JOB_STATE).map(([k, v]) => [v.toLowerCase(), k as JobStatus])) as Record<
  string,
  JobStatus
>;

/**
 * `$filter` (clauses `Name eq 'value'` joined by `and`): JobStatus (NotStarted, InProgress,
 * Succeeded, Failed, Cancelled, Suspended), ScenarioName (the job type, e.g. reprotect),
 * TargetObjectId, and FriendlyName (a search in names).
 */
export function parseJobFilter(raw: string | null): { status?: JobStatus[]; type?: string; targetId?: string; search?: string } {
  const out: { status?: JobStatus[]; type?: string; targetId?: string; search?: string } = {};
  for (const { name, key, value } of filterClauses(raw)) {
    switch (key) {
      case "jobstatus": {
        const statuses = value.split(",").map((v) => STATUS_OF[v.trim().toLowerCase()]);
        if (statuses.some((x) => !x))
          throw badRequest("InvalidFilter", `JobStatus must be one of ${Object.values(JOB_STATE).join(", ")}.`, "$filter");
        out.status = statuses as JobStatus[];
        break;
      }
      case "scenarioname":
        out.type = value;
        break;
      case "targetobjectid":
        out.targetId = value;
        break;
      case "friendlyname":
        out.search = value;
        break;
      default:
        throw badRequest(
          "InvalidFilter",
          `$filter cannot filter on ${name}: use JobStatus, ScenarioName, TargetObjectId or FriendlyName.`,
          "$filter",
        );
    }
  }
  return out;
}

export async function listJobs(ctx: ArmContext) {
  const f = parseJobFilter(ctx.query.get("$filter"));
  const cursor = ctx.query.get("$skipToken") ?? ctx.query.get("$skiptoken");
  const r = await ctx.caller.jobs.list({ vaultId: ctx.vault.id, ...f, cursor });
  const query: Record<string, string> = {};
  if (r.nextCursor) query.$skipToken = r.nextCursor;
  if (ctx.query.get("$filter")) query.$filter = ctx.query.get("$filter")!;
  return page(
    r.items.map((j) => jobModel(ctx.vault, j)),
    r.nextCursor ? link(ctx, `${vaultPath(ctx.vault)}/replicationJobs`, query) : null,
  );
}

async function jobResource(ctx: ArmContext, jobId: string) {
  const d = await ctx.caller.jobs.get({ vaultId: ctx.vault.id, jobId });
  return jobModel(ctx.vault, d.job, { steps: d.steps, allowed: d.allowed });
}

export async function getJob(ctx: ArmContext, p: { job: string }) {
  return json(await jobResource(ctx, p.job));
}

/** cancel, restart, resume: the job operation runs at once; the answer is the job (200), which the client polls with get. */
export function jobAction(action: "cancel" | "restart" | "resume") {
  return async (ctx: ArmContext, p: { job: string }) => {
    const input = { vaultId: ctx.vault.id, jobId: p.job };
    const r = await runVerb(ctx, () => ctx.caller.jobs[action](input));
    return json(await jobResource(ctx, r.jobId));
  };
}
