"use client";

import { useQuery } from "@tanstack/react-query";
import { CheckCircle2, Hand, XCircle } from "lucide-react";
import { useTRPC } from "@/lib/trpc/client";
import type { RouterInputs } from "@/lib/trpc/types";
import { ErrorDetails, errorFieldsOf } from "@/components/ui/error-details";

type PreviewInput = RouterInputs["plans"]["preview"];

/** What the operation would do, group by group: each item allowed, or refused with the reason. */
export function PlanPreview({ input, enabled }: { input: PreviewInput; enabled: boolean }) {
  const trpc = useTRPC();
  const preview = useQuery({
    ...trpc.plans.preview.queryOptions(input),
    enabled,
  });
  if (preview.error) return <ErrorDetails error={errorFieldsOf(preview.error)} />;
  const p = preview.data;
  if (!p) return <p className="text-fg-muted">Loading the preview…</p>;
  return (
    <section aria-label="Preview" className="grid gap-2">
      <h3 className="font-semibold">Preview</h3>
      {p.busy ? (
        <p role="status" className="text-danger">
          Another operation is in progress on this recovery plan.
        </p>
      ) : null}
      {p.groups.map((g) => (
        <div key={g.ordinal} className="rounded-sm border border-border-subtle p-2">
          <p className="font-semibold">Group {g.ordinal}</p>
          {g.pre.map((a) => (
            <p key={`pre-${a}`} className="flex items-center gap-1 text-fg-muted">
              <Hand aria-hidden className="size-4" /> Pre-step: {a}
            </p>
          ))}
          <ul className="grid gap-1">
            {g.items.map((i) => (
              <li key={i.id} className="flex items-start gap-1">
                {i.allowed ? (
                  <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
                ) : (
                  <XCircle aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
                )}
                <span>
                  <span className="font-medium">{i.name}</span>: {i.allowed ? `${p.command} will run.` : `refused. ${i.reason ?? ""}`}
                  {i.recommendedAction ? <span className="block text-xs text-fg-muted">{i.recommendedAction}</span> : null}
                </span>
              </li>
            ))}
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
