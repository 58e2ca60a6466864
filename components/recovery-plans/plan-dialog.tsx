"use client";

import type * as React from "react";
import type { RouterInputs, RouterOutputs } from "@/lib/trpc/types";
import type { VaultDialogProps } from "@/lib/use-operation-done";
import { OperationDialog } from "@/components/ui/dialog";
import { PlanPreview } from "./plan-preview";

type PlanItem = {
  id: string;
  name: string;
  state: string;
  activeLocation: string;
  replicationDirection: string;
};
export type PlanSummary = {
  id: string;
  name: string;
  currentJobId: string | null;
  items: PlanItem[];
  /** Each command allowed or why not, and its direction (`plans.commands`: the plan verbs' rule). */
  commands: RouterOutputs["plans"]["commands"];
};

/** The props every plan command dialog takes. */
export type PlanDialogProps = VaultDialogProps & { plan: PlanSummary };

type PreviewInput = RouterInputs["plans"]["preview"];

/**
 * The pane every plan command shares: the command's fields, the preview of `operation` in
 * `direction` (each item allowed or refused, group by group), the refusal banner, and OK.
 */
export function PlanDialog({
  vaultId,
  plan,
  operation,
  direction,
  children,
  ...props
}: Omit<React.ComponentProps<typeof OperationDialog>, "side"> & {
  vaultId: string;
  plan: PlanSummary;
  operation: PreviewInput["operation"];
  direction: PreviewInput["direction"];
}) {
  return (
    <OperationDialog {...props} side="right">
      {children}
      <PlanPreview input={{ vaultId, planId: plan.id, operation, direction }} enabled={props.open} />
    </OperationDialog>
  );
}
