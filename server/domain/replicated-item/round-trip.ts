/**
 * The round-trip map of one item (spec §2): the seven stages, where the item stands, and the six
 * steps between them, each with the verdict of the same state machine the command bar uses.
 * Pure: the caller passes the item and its `allowedOperations`.
 */
import type { ActiveLocation, ItemState, ReplicationDirection } from "@/db/schema";
import { stageOf, type AllowedOperations, type Operation, type Verdict } from "./state";

export type RoundTripStage = {
  stage: number;
  title: string;
  state: ItemState;
  activeLocation: ActiveLocation;
  replicationDirection: ReplicationDirection;
};

/** Stage 7 has the state of stage 1: a finished round trip starts again with a failover. */
export const ROUND_TRIP_STAGES: readonly RoundTripStage[] = [
  { stage: 1, title: "Protected to Azure", state: "protected", activeLocation: "on-premises", replicationDirection: "to-azure" },
  { stage: 2, title: "Failed over to Azure", state: "failover-completed", activeLocation: "azure", replicationDirection: "to-azure" },
  { stage: 3, title: "Failover committed", state: "failover-committed", activeLocation: "azure", replicationDirection: "to-azure" },
  { stage: 4, title: "Re-protected to on-premises", state: "protected", activeLocation: "azure", replicationDirection: "to-on-premises" },
  {
    stage: 5,
    title: "Failed back to on-premises",
    state: "failover-completed",
    activeLocation: "on-premises",
    replicationDirection: "to-on-premises",
  },
  {
    stage: 6,
    title: "Failback committed",
    state: "failover-committed",
    activeLocation: "on-premises",
    replicationDirection: "to-on-premises",
  },
  { stage: 7, title: "Re-protected to Azure", state: "protected", activeLocation: "on-premises", replicationDirection: "to-azure" },
];

export type RoundTripStepDef = {
  /** The stage the step leaves; it arrives at `from + 1`. */
  from: number;
  /** The step's name on the map (its button's accessible name). */
  label: string;
  operation: Operation;
};

export const ROUND_TRIP_STEPS: readonly RoundTripStepDef[] = [
  { from: 1, label: "Fail over to Azure", operation: "failover-to-azure" },
  { from: 2, label: "Commit the failover", operation: "commit" },
  { from: 3, label: "Re-protect to on-premises", operation: "reprotect-to-on-premises" },
  { from: 4, label: "Fail back to on-premises", operation: "unplanned-failover-to-on-premises" },
  { from: 5, label: "Commit the failback", operation: "commit" },
  { from: 6, label: "Re-protect to Azure", operation: "reprotect-to-azure" },
];

export type RoundTripStep = RoundTripStepDef & {
  /** The step that leads from the current stage (only one step can be next). */
  next: boolean;
  verdict: Verdict;
};

export type RoundTripMapStage = RoundTripStage & {
  /**
   * The step drawn below the stage: the one leaving it. Below stage 7, while the item is there, the
   * first step again (the next round trip starts with a failover), and then that one is next, not
   * its copy below stage 1.
   */
  step: RoundTripStep | null;
};

export type RoundTripMap = {
  /** 1–7, or null while the item is in none (an operation runs, a test failover exists, replication is disabled). */
  current: number | null;
  stages: RoundTripMapStage[];
  steps: RoundTripStep[];
};

/**
 * Places the item on the map. `completedRoundTrip`: the item was re-protected to Azure after a
 * failback, so its protected-to-Azure state is stage 7 rather than 1.
 */
export function roundTripMap(
  item: { state: ItemState; activeLocation: ActiveLocation; replicationDirection: ReplicationDirection },
  allowed: AllowedOperations,
  completedRoundTrip = false,
): RoundTripMap {
  const stage = stageOf(item);
  const current = stage === 1 && completedRoundTrip ? 7 : stage;
  // From stage 7 the next step is the first one again.
  const leaving = current === 7 ? 1 : current;
  const steps = ROUND_TRIP_STEPS.map((s) => {
    const next = s.from === leaving;
    const verdict = allowed[s.operation];
    // A step the state machine allows only from another stage (commit after a failover, when this is the failback) is not this item's next step.
    return { ...s, next, verdict: next || !verdict.allowed ? verdict : notFromHere(s) };
  });
  const below = (stage: number): RoundTripStep | null => {
    if (stage === ROUND_TRIP_STAGES.length) return current === stage ? steps[0]! : null;
    const step = steps.find((s) => s.from === stage);
    return step ? { ...step, next: step.next && current !== ROUND_TRIP_STAGES.length } : null;
  };
  return { current, stages: ROUND_TRIP_STAGES.map((stage) => ({ ...stage, step: below(stage.stage) })), steps };
}

function notFromHere(step: RoundTripStepDef): Verdict {
  return {
    allowed: false,
    reason: `${step.label} starts from stage ${step.from}; the item is not there.`,
    recommendedAction: "Take the step the map marks as next.",
  };
}
