"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormContext } from "react-hook-form";
import { CheckCircle2, Hand, XCircle } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterInputs } from "@/lib/trpc/types";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";
import { formatDuration, formatRpo, formatTime } from "@/lib/labels";
import { PLAN_RECOVERY_POINTS } from "@/server/domain/recovery-plan/inputs";

type PreviewInput = RouterInputs["plans"]["preview"];
type PlanRecoveryPoint = (typeof PLAN_RECOVERY_POINTS)[number];

/** The recovery point the dialog's form has chosen, when it has that field. */
function useChosenRecoveryPoint(): PlanRecoveryPoint | undefined {
  const form = useFormContext<{ recoveryPoint?: string }>();
  const value = form?.watch("recoveryPoint");
  return PLAN_RECOVERY_POINTS.find((p) => p === value);
}

/**
 * What the operation would do, group by group, before OK: each item allowed or refused with the
 * reason, the recovery point it would use and its age, the checks that would fail, and estimated
 * durations per item, per group and in total.
 */
export function PlanPreview({ input, enabled }: { input: PreviewInput; enabled: boolean }) {
  const trpc = useTRPC();
  const recoveryPoint = useChosenRecoveryPoint();
  const preview = useQuery({
    ...trpc.plans.preview.queryOptions({ ...input, ...(recoveryPoint ? { recoveryPoint } : {}) }),
    enabled,
    placeholderData: (prev) => prev,
  });
  if (preview.error) return <ErrorDetails error={errorFieldsOf(preview.error)} />;
  const p = preview.data;
  if (!p) return <p className="text-fg-muted">Loading the preview…</p>;
  const blocked = p.groups.flatMap((g) => g.items).filter((i) => !i.allowed || i.recoveryPointProblem || i.failingChecks.length);
  return (
    <section aria-label="Preview" className="grid gap-2">
      <h3 className="font-semibold">Preview</h3>
      {p.busy ? (
        <p role="status" className="text-danger">
          Another operation is in progress on this recovery plan.
        </p>
      ) : null}
      <p aria-label="Estimated duration">
        Estimated duration: <strong>{formatDuration(p.estimatedSeconds * 1000)}</strong> (manual actions not counted)
        {blocked.length ? (
          <span className="block text-danger">
            {blocked.length} item{blocked.length === 1 ? "" : "s"} would not run: fix {blocked.length === 1 ? "it" : "them"} before OK.
          </span>
        ) : null}
      </p>
      {p.groups.map((g) => (
        <div key={g.ordinal} className="rounded-sm border border-border-subtle p-2" aria-label={`Group ${g.ordinal} preview`} role="group">
          <p className="flex justify-between font-semibold">
            <span>Group {g.ordinal}</span>
            <span className="font-normal text-fg-muted">about {formatDuration(g.estimatedSeconds * 1000)}</span>
          </p>
          {g.pre.map((a) => (
            <p key={`pre-${a}`} className="flex items-center gap-1 text-fg-muted">
              <Hand aria-hidden className="size-4" /> Pre-step: {a}
            </p>
          ))}
          <ul className="grid gap-1">
            {g.items.map((i) => {
              const ok = i.allowed && !i.recoveryPointProblem && !i.failingChecks.length;
              return (
                <li key={i.id} className="flex items-start gap-1">
                  {ok ? (
                    <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
                  ) : (
                    <XCircle aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
                  )}
                  <span>
                    <span className="font-medium">{i.name}</span>: {i.allowed ? `${p.command} will run.` : `refused. ${i.reason ?? ""}`}
                    {i.recommendedAction ? <span className="block text-xs text-fg-muted">{i.recommendedAction}</span> : null}
                    {i.recoveryPoint ? (
                      <span className="block text-xs">
                        Recovery point {formatTime(i.recoveryPoint.at)} (
                        {i.recoveryPoint.type === "app-consistent" ? "app-consistent" : "crash-consistent"}), data-loss window{" "}
                        {formatRpo(i.recoveryPoint.ageSeconds)}
                      </span>
                    ) : null}
                    {i.recoveryPointProblem ? <span className="block text-xs text-danger">{i.recoveryPointProblem}</span> : null}
                    {i.failingChecks.map((c) => (
                      <span key={c.number} className="block text-xs text-danger">
                        Check {c.number} ({c.title}) would fail: {c.message}
                      </span>
                    ))}
                    {i.allowed ? (
                      <span className="block text-xs text-fg-muted">Estimated {formatDuration(i.estimatedSeconds * 1000)}</span>
                    ) : null}
                  </span>
                </li>
              );
            })}
          </ul>
          {g.post.map((a) => (
            <p key={`post-${a}`} className="flex items-center gap-1 text-fg-muted">
              <Hand aria-hidden className="size-4" /> Post-step: {a}
            </p>
          ))}
        </div>
      ))}
    </section>
  );
}
