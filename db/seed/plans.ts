import * as s from "../schema";
import { DAY, type SeedContext } from "./context";

/** Recovery plans: rp-web-tier (two groups, a manual action before HR), rp-sql-cluster (a replication group), rp-crm. */
export function seedPlans({ tx, vaultId, id, at }: SeedContext): void {
  const plan = (key: string, name: string, groups: string[][]) => {
    const planId = id(key);
    tx.insert(s.recoveryPlans)
      .values({ id: planId, vaultId, name, source: "cs-01", target: "Microsoft Azure", createdAt: at(14 * DAY), updatedAt: at(14 * DAY) })
      .run();
    groups.forEach((members, i) => {
      const groupId = `${planId}-g${i + 1}`;
      tx.insert(s.recoveryPlanGroups)
        .values({ id: groupId, planId, ordinal: i + 1 })
        .run();
      if (members.length)
        tx.insert(s.recoveryPlanItems)
          .values(members.map((item) => ({ groupId, replicatedItemId: id(item) })))
          .run();
    });
    return planId;
  };
  const web = plan("rp-web", "rp-web-tier", [["web-01"], ["hr-01"]]);
  tx.insert(s.recoveryPlanActions)
    .values({
      groupId: `${web}-g2`,
      phase: "pre",
      kind: "manual",
      name: "Confirm the load balancer points at Azure",
      details: "Check that the public load balancer sends traffic to the Azure front end before HR starts.",
      ordinal: 1,
    })
    .run();
  plan("rp-sql", "rp-sql-cluster", [["sql-cl-01", "sql-cl-02"]]);
  plan("rp-crm", "rp-crm", [["crm-01"], ["crm-02"]]);
}
