/**
 * The replicated item's state machine (spec §2), pure: no database, no fabric.
 *
 * An item is described by three fields: `state`, `activeLocation` (where the machine runs) and
 * `replicationDirection`. Together they place it on the 7-stage round trip:
 *
 * | stage | state               | active location | direction      |
 * |-------|---------------------|-----------------|----------------|
 * | 1     | protected           | on-premises     | to-azure       |
 * | 2     | failover-completed  | azure           | to-azure       |
 * | 3     | failover-committed  | azure           | to-azure       |
 * | 4     | protected           | azure           | to-on-premises |
 * | 5     | failover-completed  | on-premises     | to-on-premises |
 * | 6     | failover-committed  | on-premises     | to-on-premises |
 * | 7     | protected           | on-premises     | to-azure       | (same as 1)
 */
import type { ActiveLocation, ItemState, ReplicationDirection } from "@/db/schema";
import { CODES } from "../checks/codes";

export const OPERATIONS = [
  "enable-replication",
  "failover-to-azure",
  "unplanned-failover-to-on-premises",
  "commit",
  "change-recovery-point",
  "test-failover",
  "cleanup-test-failover",
  "reprotect-to-on-premises",
  "reprotect-to-azure",
  "disable-replication",
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** The command (button) name the portal shows for each operation. */
export const OPERATION_COMMAND: Record<Operation, string> = {
  "enable-replication": "Enable replication",
  "failover-to-azure": "Failover",
  "unplanned-failover-to-on-premises": "Unplanned failover",
  commit: "Commit",
  "change-recovery-point": "Change recovery point",
  "test-failover": "Test failover",
  "cleanup-test-failover": "Cleanup test failover",
  "reprotect-to-on-premises": "Re-protect",
  "reprotect-to-azure": "Re-protect",
  "disable-replication": "Disable replication",
};

export const STATE_LABEL: Record<ItemState, string> = {
  "enabling-protection": "Enabling protection",
  protected: "Protected",
  "failover-in-progress": "Failover in progress",
  "failover-completed": "Failover completed",
  "commit-in-progress": "Commit in progress",
  "failover-committed": "Failover committed",
  reprotecting: "Reprotecting",
  "test-failover-in-progress": "Test failover in progress",
  "test-failover-completed": "Test failover completed",
  "test-failover-cleanup-in-progress": "Cleaning up test failover",
  "disabling-replication": "Disabling replication",
  "replication-disabled": "Replication disabled",
};

export const LOCATION_LABEL: Record<ActiveLocation, string> = { "on-premises": "On-premises", azure: "Microsoft Azure" };
export const DIRECTION_LABEL: Record<ReplicationDirection, string> = {
  "to-azure": "On-premises to Azure",
  "to-on-premises": "Azure to On-premises",
};

/** The states a running job holds; the item leaves them only when its job ends. */
export const IN_PROGRESS_STATES: ReadonlySet<ItemState> = new Set<ItemState>([
  "enabling-protection",
  "failover-in-progress",
  "commit-in-progress",
  "reprotecting",
  "test-failover-in-progress",
  "test-failover-cleanup-in-progress",
  "disabling-replication",
]);

export type ItemStateView = {
  name: string;
  state: ItemState;
  activeLocation: ActiveLocation;
  replicationDirection: ReplicationDirection;
  currentJobId: string | null;
};

/** Facts beyond the item row that some operations depend on. All optional: absent means "fine". */
export type ItemWorld = {
  /** Recovery points available in the current direction. */
  recoveryPointCount?: number;
  /** The failed-over Azure VM exists (not deleted). */
  azureVmExists?: boolean;
  /**
   * While the item replicates to on-premises (stage 4): the first refusal of the failback
   * failover's prerequisite checks on the values its re-protect stored (a fault that appeared
   * since, a host or vCenter that changed). The failback is refused with it.
   */
  failbackRefusal?: { code: string; message: string; recommendedAction?: string | null } | null;
};

export type Verdict = { allowed: boolean; reason?: string; recommendedAction?: string; code?: string };

/** Where an item stands on the round trip (1–7), or null for test failover, disabled and in-progress states. */
export function stageOf(item: Pick<ItemStateView, "state" | "activeLocation" | "replicationDirection">): number | null {
  const { state, activeLocation: loc, replicationDirection: dir } = item;
  if (state === "protected" && loc === "on-premises" && dir === "to-azure") return 1;
  if (state === "failover-completed" && loc === "azure" && dir === "to-azure") return 2;
  if (state === "failover-committed" && loc === "azure" && dir === "to-azure") return 3;
  if (state === "protected" && loc === "azure" && dir === "to-on-premises") return 4;
  if (state === "failover-completed" && loc === "on-premises" && dir === "to-on-premises") return 5;
  if (state === "failover-committed" && loc === "on-premises" && dir === "to-on-premises") return 6;
  return null;
}

const ok: Verdict = { allowed: true };
const no = (reason: string, recommendedAction: string, code: string = CODES.operationNotAllowed): Verdict => ({
  allowed: false,
  reason,
  recommendedAction,
  code,
});

/** Decides one operation for one item. */
export function canPerform(op: Operation, item: ItemStateView, world: ItemWorld = {}): Verdict {
  const label = STATE_LABEL[item.state];
  const busy = no(
    `Another operation is in progress on ${item.name} (status: ${label}).`,
    "Wait for the running job to finish (see Jobs), then try again.",
    CODES.operationInProgress,
  );
  if (item.currentJobId) return busy;
  if (IN_PROGRESS_STATES.has(item.state)) {
    // Initial replication without a job of ours (driven by the replication simulation) may be stopped.
    if (item.state === "enabling-protection" && op === "disable-replication") return ok;
    return busy;
  }
  const stage = stageOf(item);
  const where = `${item.name} is ${label.toLowerCase()} (active location: ${LOCATION_LABEL[item.activeLocation]}, direction: ${DIRECTION_LABEL[item.replicationDirection]})`;
  const hasPoints = (world.recoveryPointCount ?? 1) > 0;
  const noPointYet = no(
    `${item.name} has no recovery point yet.`,
    "Wait until initial replication has created the first recovery point.",
    CODES.noRecoveryPoint,
  );

  switch (op) {
    case "enable-replication":
      if (item.state === "replication-disabled") return ok;
      return no(
        `${item.name} is already replicated (status: ${label}).`,
        "Choose a machine that is not protected yet, or disable replication of this one first.",
      );

    case "failover-to-azure":
      if (item.state === "test-failover-completed")
        return no(`A test failover of ${item.name} has not been cleaned up.`, "Run Cleanup test failover first, then fail over.");
      if (stage === 1) return hasPoints ? ok : noPointYet;
      if (stage === 4) return no(`${where}; to fail back use Unplanned failover.`, "Use Unplanned failover to fail back to on-premises.");
      return no(`Failover to Azure needs a protected item replicating to Azure; ${where}.`, recommendFor(item));

    case "unplanned-failover-to-on-premises":
      if (stage === 4) {
        if (!hasPoints)
          return no(
            `${item.name} has no recovery point in the direction Azure to On-premises yet.`,
            "Wait until the reprotect's initial synchronization has created a recovery point.",
            CODES.noRecoveryPoint,
          );
        const r = world.failbackRefusal;
        if (r) return no(r.message, r.recommendedAction ?? "", r.code);
        return ok;
      }
      if (stage === 1)
        return no(`${where}; Unplanned failover fails back an item replicating to on-premises.`, "Use Failover to fail over to Azure.");
      return no(`Failback needs the item protected in the direction Azure to On-premises; ${where}.`, recommendFor(item));

    case "commit":
      if (stage === 2 || stage === 5) return ok;
      return no(`Commit needs a completed failover; ${where}.`, recommendFor(item));

    case "change-recovery-point":
      if (stage === 2 || stage === 5) return ok;
      if (stage === 3 || stage === 6)
        return no(`The failover of ${item.name} was committed; its recovery point is fixed.`, recommendFor(item));
      return no(`Change recovery point needs a completed (not committed) failover; ${where}.`, recommendFor(item));

    case "test-failover":
      if (item.state === "test-failover-completed")
        return no(`A test failover of ${item.name} already exists.`, "Run Cleanup test failover first.");
      if (stage === 1) return hasPoints ? ok : noPointYet;
      return no(`Test failover needs a protected item replicating to Azure; ${where}.`, recommendFor(item));

    case "cleanup-test-failover":
      if (item.state === "test-failover-completed") return ok;
      return no(`${item.name} has no test failover to clean up (status: ${label}).`, recommendFor(item));

    case "reprotect-to-on-premises":
      if (stage === 3) {
        if (world.azureVmExists === false)
          return no(
            `The Azure virtual machine of ${item.name} no longer exists.`,
            "Fail over again to recreate it, or disable replication.",
            CODES.azureVmMissing,
          );
        return ok;
      }
      if (stage === 2) return no(`The failover of ${item.name} has not been committed.`, "Commit the failover first, then re-protect.");
      return no(`Re-protect to on-premises needs a committed failover to Azure; ${where}.`, recommendFor(item));

    case "reprotect-to-azure":
      if (stage === 6) return ok;
      if (stage === 5) return no(`The failback of ${item.name} has not been committed.`, "Commit the failover first, then re-protect.");
      return no(`Re-protect to Azure needs a committed failback to on-premises; ${where}.`, recommendFor(item));

    case "disable-replication":
      if (item.state === "replication-disabled")
        return no(`Replication of ${item.name} is already disabled.`, "Enable replication again from Replicate.");
      if (item.state === "test-failover-completed")
        return no(`A test failover of ${item.name} has not been cleaned up.`, "Run Cleanup test failover first.");
      return ok;
  }
}

/** The next useful step for an item, used as the recommended action of a refusal. */
export function recommendFor(item: Pick<ItemStateView, "state" | "activeLocation" | "replicationDirection">): string {
  switch (stageOf(item)) {
    case 1:
      return "The item is protected to Azure: use Failover or Test failover.";
    case 2:
    case 5:
      return "Commit the failover (or change its recovery point first).";
    case 3:
      return "Re-protect the item (direction Azure to On-premises).";
    case 4:
      return "Use Unplanned failover to fail back to on-premises.";
    case 6:
      return "Re-protect the item (direction On-premises to Azure).";
  }
  if (item.state === "test-failover-completed") return "Run Cleanup test failover.";
  if (item.state === "replication-disabled") return "Enable replication again from Replicate.";
  return "Wait for the running job to finish (see Jobs).";
}

export type AllowedOperations = Record<Operation, Verdict>;

/** Every operation for one item, allowed or refused with the reason (the UI disables buttons with it). */
export function allowedOperations(item: ItemStateView, world: ItemWorld = {}): AllowedOperations {
  return Object.fromEntries(OPERATIONS.map((op) => [op, canPerform(op, item, world)])) as AllowedOperations;
}

/** The in-progress state an operation holds while its job runs. */
export const IN_PROGRESS_OF: Record<Exclude<Operation, "enable-replication">, ItemState> = {
  "failover-to-azure": "failover-in-progress",
  "unplanned-failover-to-on-premises": "failover-in-progress",
  commit: "commit-in-progress",
  // Changing the recovery point re-creates the VM from another point: a failover in progress.
  "change-recovery-point": "failover-in-progress",
  "test-failover": "test-failover-in-progress",
  "cleanup-test-failover": "test-failover-cleanup-in-progress",
  "reprotect-to-on-premises": "reprotecting",
  "reprotect-to-azure": "reprotecting",
  "disable-replication": "disabling-replication",
};

/**
 * The item page's commands, in the Azure portal's order. Each runs one operation of the state
 * machine; Re-protect runs the one that goes the other way from where the machine runs now.
 */
export const ITEM_COMMANDS = [
  "failover",
  "unplannedFailover",
  "commit",
  "reprotect",
  "testFailover",
  "cleanupTestFailover",
  "changeRecoveryPoint",
  "disableReplication",
] as const;
export type ItemCommand = (typeof ITEM_COMMANDS)[number];

/** Re-protect's direction: from Azure back to on-premises while the machine runs in Azure, else to Azure. */
export function reprotectOperationFor(item: Pick<ItemStateView, "activeLocation">): "reprotect-to-on-premises" | "reprotect-to-azure" {
  return item.activeLocation === "azure" ? "reprotect-to-on-premises" : "reprotect-to-azure";
}

/** The operation a command runs for an item. */
export function commandOperation(command: ItemCommand, item: Pick<ItemStateView, "activeLocation">): Operation {
  switch (command) {
    case "failover":
      return "failover-to-azure";
    case "unplannedFailover":
      return "unplanned-failover-to-on-premises";
    case "commit":
      return "commit";
    case "reprotect":
      return reprotectOperationFor(item);
    case "testFailover":
      return "test-failover";
    case "cleanupTestFailover":
      return "cleanup-test-failover";
    case "changeRecoveryPoint":
      return "change-recovery-point";
    case "disableReplication":
      return "disable-replication";
  }
}

export type CommandVerdict = Verdict & { operation: Operation };

/**
 * Every command of the item page with the operation it runs and the state machine's verdict for it
 * (`ops`: the item's verdicts when the caller has them): the page enables a command exactly when
 * the verb would accept it as far as the item's state goes.
 */
export function itemCommandVerdicts(
  item: ItemStateView,
  world: ItemWorld = {},
  ops: AllowedOperations = allowedOperations(item, world),
): Record<ItemCommand, CommandVerdict> {
  return Object.fromEntries(
    ITEM_COMMANDS.map((c) => {
      const operation = commandOperation(c, item);
      return [c, { ...ops[operation], operation }];
    }),
  ) as Record<ItemCommand, CommandVerdict>;
}
