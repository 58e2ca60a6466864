"use client";

import * as React from "react";
import { ArrowDown, CircleCheck, CircleDot } from "lucide-react";
import { GatedButton } from "@/components/auth/role-gate";
import { Section } from "@/components/shell/blade";
import { cn } from "@/lib/utils";
import type { Operation as ItemOperation } from "@/server/domain/replicated-item/state";
import type { Operation as RoleOperation } from "@/server/domain/users/roles";
import { CommandDialog, type CommandKey } from "./item-commands";
import type { ItemData } from "./item-dialog";

/** The command (and its dialog) behind each step of the round trip. */
const STEP_COMMAND: Partial<Record<ItemOperation, { key: CommandKey; role: RoleOperation }>> = {
  "failover-to-azure": { key: "failover", role: "failover" },
  commit: { key: "commit", role: "commit" },
  "reprotect-to-on-premises": { key: "reprotect", role: "reprotect" },
  "unplanned-failover-to-on-premises": { key: "unplannedFailover", role: "unplannedFailover" },
  "reprotect-to-azure": { key: "reprotect", role: "reprotect" },
};

const LOCATION = { "on-premises": "On-premises", azure: "Azure" } as const;

/**
 * The seven stages of the failback round trip, the item's stage highlighted, the next step as a
 * button (opening the same dialog as the command bar) and every blocked step with its reason and fix.
 */
export function RoundTripMap({ vaultId, data }: { vaultId: string; data: ItemData }) {
  const [open, setOpen] = React.useState<CommandKey | null>(null);
  const { current, stages } = data.roundTrip;
  return (
    <Section title="Round trip">
      <p className="mb-2 text-fg-muted" id="round-trip-where">
        {current
          ? `${data.item.name} is at stage ${current} of 7: ${stages[current - 1]!.title}.`
          : `${data.item.name} is at no stage of the round trip while its status is ${data.item.stateLabel.toLowerCase()}.`}
      </p>
      <ol aria-label="Round-trip stages" aria-describedby="round-trip-where" className="grid max-w-3xl gap-1">
        {stages.map((stage) => {
          const isCurrent = stage.stage === current;
          const { step } = stage;
          const isNext = !!step?.next;
          const command = step ? STEP_COMMAND[step.operation] : undefined;
          const done = current !== null && stage.stage < current;
          return (
            <li key={stage.stage} aria-current={isCurrent ? "step" : undefined}>
              <div
                className={cn(
                  "flex items-center gap-2 rounded border px-3 py-2",
                  isCurrent ? "border-accent bg-accent/10 font-semibold" : "border-border-subtle",
                )}
              >
                {done || isCurrent ? (
                  <CircleCheck aria-hidden className={cn("size-4", isCurrent ? "text-accent" : "text-success")} />
                ) : (
                  <CircleDot aria-hidden className="size-4 text-fg-muted" />
                )}
                <span>
                  {stage.stage}. {stage.title}
                </span>
                <span className="ml-auto text-xs font-normal text-fg-muted">
                  Runs {LOCATION[stage.activeLocation]} · replicates{" "}
                  {stage.replicationDirection === "to-azure" ? "to Azure" : "to on-premises"}
                  {isCurrent ? " · current stage" : ""}
                </span>
              </div>
              {step ? (
                <div className="ml-4 flex flex-wrap items-start gap-x-3 gap-y-1 border-l-2 border-border-subtle py-1 pl-4">
                  <ArrowDown aria-hidden className="mt-1 size-4 shrink-0 text-fg-muted" />
                  <span id={`round-trip-step-${stage.stage}`} className={cn("py-1", isNext ? "font-semibold" : "text-fg-muted")}>
                    {step.label}
                  </span>
                  {isNext && command ? (
                    // Its name is not the command's ("Re-protect", "Commit" …): the command bar keeps those; the step is its description.
                    <GatedButton
                      variant={step.verdict.allowed ? "primary" : "secondary"}
                      size="sm"
                      operation={command.role}
                      vaultId={vaultId}
                      aria-describedby={`round-trip-step-${stage.stage}`}
                      disabledReason={step.verdict.allowed ? null : [step.verdict.reason, step.verdict.recommendedAction].join(" ")}
                      onClick={() => setOpen(command.key)}
                    >
                      Take this step
                    </GatedButton>
                  ) : null}
                  {!step.verdict.allowed ? (
                    <p className="basis-full text-xs">
                      <span className="font-semibold">Blocked:</span> {step.verdict.reason} <span className="font-semibold">Fix:</span>{" "}
                      {step.verdict.recommendedAction}
                    </p>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {open ? <CommandDialog command={open} vaultId={vaultId} data={data} open onOpenChange={(o) => setOpen(o ? open : null)} /> : null}
    </Section>
  );
}
