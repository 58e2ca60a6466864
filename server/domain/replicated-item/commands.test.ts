/**
 * The item page never offers what the domain refuses: for every item state (property test over
 * states, locations, directions, a running job and the facts the state machine reads), the set of
 * commands the page enables runs exactly the set of operations the state machine allows — Re-protect
 * in the direction that is allowed, nothing else.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ACTIVE_LOCATIONS, ITEM_STATES, REPLICATION_DIRECTIONS } from "@/db/schema";
import {
  allowedOperations,
  canPerform,
  commandOperation,
  ITEM_COMMANDS,
  itemCommandVerdicts,
  OPERATIONS,
  reprotectOperationFor,
  type ItemStateView,
  type ItemWorld,
  type Operation,
} from "./state";

const itemArb: fc.Arbitrary<ItemStateView> = fc.record({
  name: fc.constant("web-01"),
  state: fc.constantFrom(...ITEM_STATES),
  activeLocation: fc.constantFrom(...ACTIVE_LOCATIONS),
  replicationDirection: fc.constantFrom(...REPLICATION_DIRECTIONS),
  currentJobId: fc.option(fc.constant("job-1"), { nil: null }),
});
const worldArb: fc.Arbitrary<ItemWorld> = fc.record(
  { recoveryPointCount: fc.integer({ min: 0, max: 3 }), azureVmExists: fc.boolean() },
  { requiredKeys: [] },
);

/** Operations the item page has no command for: Enable replication is the Replicate wizard's. */
const NOT_ON_THE_PAGE: readonly Operation[] = ["enable-replication"];

describe("the item page's commands", () => {
  it("enable exactly the operations the state machine allows, for every state", () => {
    fc.assert(
      fc.property(itemArb, worldArb, (item, world) => {
        const commands = itemCommandVerdicts(item, world);
        const offered = new Set(ITEM_COMMANDS.filter((c) => commands[c].allowed).map((c) => commands[c].operation));
        const allowed = new Set(OPERATIONS.filter((op) => !NOT_ON_THE_PAGE.includes(op) && canPerform(op, item, world).allowed));
        expect(offered).toEqual(allowed);
        // Each command's verdict (reason and fix included) is the state machine's for its operation.
        for (const c of ITEM_COMMANDS) {
          const { operation, ...verdict } = commands[c];
          expect(operation).toBe(commandOperation(c, item));
          expect(verdict).toEqual(canPerform(operation, item, world));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("cover every operation of the state machine but Enable replication, each command one operation", () => {
    const reached = new Set(
      ACTIVE_LOCATIONS.flatMap((activeLocation) => ITEM_COMMANDS.map((c) => commandOperation(c, { activeLocation }))),
    );
    expect(reached).toEqual(new Set(OPERATIONS.filter((op) => !NOT_ON_THE_PAGE.includes(op))));
  });

  it("Re-protect goes the other way from where the machine runs", () => {
    expect(reprotectOperationFor({ activeLocation: "azure" })).toBe("reprotect-to-on-premises");
    expect(reprotectOperationFor({ activeLocation: "on-premises" })).toBe("reprotect-to-azure");
    // Whenever one re-protect direction is allowed, the command runs that one.
    fc.assert(
      fc.property(itemArb, worldArb, (item, world) => {
        const ops = allowedOperations(item, world);
        const allowed = (["reprotect-to-on-premises", "reprotect-to-azure"] as const).filter((op) => ops[op].allowed);
        if (allowed.length) expect(itemCommandVerdicts(item, world, ops).reprotect.operation).toBe(allowed[0]);
      }),
      { numRuns: 1000 },
    );
  });
});
