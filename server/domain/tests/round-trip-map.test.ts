import { describe, expect, it } from "vitest";
import { allowedOperations, type ItemStateView } from "../replicated-item/state";
import { ROUND_TRIP_STAGES, roundTripMap } from "../replicated-item/round-trip";

const view = (stage: (typeof ROUND_TRIP_STAGES)[number], extra: Partial<ItemStateView> = {}): ItemStateView => ({
  name: "vm-1",
  state: stage.state,
  activeLocation: stage.activeLocation,
  replicationDirection: stage.replicationDirection,
  currentJobId: null,
  ...extra,
});

describe("round-trip map", () => {
  it("places an item on each of the seven stages with exactly one allowed next step", () => {
    for (const stage of ROUND_TRIP_STAGES) {
      const item = view(stage);
      const map = roundTripMap(item, allowedOperations(item), stage.stage === 7);
      expect(map.current).toBe(stage.stage);
      const next = map.steps.filter((s) => s.next);
      expect(next).toHaveLength(1);
      expect(next[0]!.from).toBe(stage.stage === 7 ? 1 : stage.stage);
      expect(next[0]!.verdict.allowed).toBe(true);
      // Every other step is blocked and says why and what to do.
      for (const s of map.steps.filter((x) => !x.next)) {
        expect(s.verdict.allowed).toBe(false);
        expect(s.verdict.reason).toBeTruthy();
        expect(s.verdict.recommendedAction).toBeTruthy();
      }
    }
  });

  it("draws each step below the stage it leaves; below stage 7 the first step again, next only there", () => {
    for (const stage of ROUND_TRIP_STAGES) {
      const item = view(stage);
      const map = roundTripMap(item, allowedOperations(item), stage.stage === 7);
      expect(map.stages.map((st) => st.step?.from ?? null)).toEqual([1, 2, 3, 4, 5, 6, stage.stage === 7 ? 1 : null]);
      const next = map.stages.filter((st) => st.step?.next).map((st) => st.stage);
      expect(next).toEqual([stage.stage]);
    }
  });

  it("a pending test failover blocks the next step with the command bar's reason", () => {
    const item = view(ROUND_TRIP_STAGES[0]!, { state: "test-failover-completed" });
    const map = roundTripMap(item, allowedOperations(item));
    expect(map.current).toBeNull();
    const failover = map.steps[0]!;
    expect(failover.verdict).toMatchObject({ allowed: false, recommendedAction: "Run Cleanup test failover first, then fail over." });
  });

  it("a running job blocks every step", () => {
    const item = view(ROUND_TRIP_STAGES[2]!, { currentJobId: "job-1" });
    const map = roundTripMap(item, allowedOperations(item));
    expect(map.steps.every((s) => !s.verdict.allowed)).toBe(true);
  });
});
