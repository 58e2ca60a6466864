"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useFormOperation } from "@/lib/use-form-operation";
import { RecoveryPointPicker } from "@/components/replicated-items/recovery-point-picker";
import { TestNetworkField } from "@/components/replicated-items/test-failover-dialog";
import { PLAN_TEST_FAILOVER_POINTS, planTestFailoverInput } from "@/server/domain/recovery-plan/inputs";
import { PlanDialog, type PlanDialogProps } from "./plan-dialog";

/** Test failover of the plan: Azure network, Recovery point, preview, OK. */
export function PlanTestFailoverDialog(props: PlanDialogProps) {
  const { vaultId, plan, open } = props;
  const trpc = useTRPC();
  const options = useQuery({ ...trpc.items.replicateOptions.queryOptions({ vaultId }), enabled: open });
  const { dialog } = useFormOperation("plan", props, {
    schema: planTestFailoverInput.pick({ networkId: true, recoveryPoint: true }),
    defaultValues: { networkId: "", recoveryPoint: "latest-processed" },
    label: "Recovery plan test failover",
    options: (onSuccess) => trpc.plans.testFailover.mutationOptions({ onSuccess }),
    input: (v) => ({ vaultId, planId: plan.id, ...v }),
  });
  return (
    <PlanDialog
      {...dialog}
      vaultId={vaultId}
      plan={plan}
      title="Test failover"
      description={`Recovery plan ${plan.name}: test virtual machines in an Azure network; replication continues.`}
      operation="test-failover"
      direction="to-azure"
    >
      <TestNetworkField networks={options.data?.networks ?? []} />
      <RecoveryPointPicker choices={PLAN_TEST_FAILOVER_POINTS} />
    </PlanDialog>
  );
}
