import { describe, expect, it } from "vitest";
import { harness, vaultId } from "./harness";
import { getItem, getReprotectOptions } from "../replicated-item/queries";
import { readinessCheck } from "../replicated-item/readiness";
import type { Operation } from "../replicated-item/state";

const h = harness();

// What the demo vault's items may do right now (ui: enabled buttons).
const ALLOWED: [string, Operation[]][] = [
  ["web-01", ["failover-to-azure", "test-failover", "disable-replication"]],
  ["web-02", ["disable-replication"]],
  ["app-01", ["commit", "change-recovery-point", "disable-replication"]],
  ["app-02", ["reprotect-to-on-premises", "disable-replication"]],
  ["crm-01", ["unplanned-failover-to-on-premises", "disable-replication"]],
  ["crm-02", ["commit", "change-recovery-point", "disable-replication"]],
  ["app-lnx-01", ["reprotect-to-azure", "disable-replication"]],
  ["web-04", ["cleanup-test-failover"]],
];

describe("the seeded demo vault is classified correctly", () => {
  it.each(ALLOWED)("%s allows exactly %j", (itemId, ops) => {
    const got = getItem(h.db, vaultId, itemId, h.env()).allowedOperations;
    expect(
      Object.entries(got)
        .filter(([, v]) => v.allowed)
        .map(([k]) => k)
        .sort(),
    ).toEqual([...ops].sort());
  });

  // Reprotect with the dialog's defaults (plus the refusal's own choice where the defaults avoid it).
  const REFUSALS: [string, number, Record<string, unknown>][] = [
    ["dev-web-01", 1, {}],
    ["lnx-db-01", 2, { masterTargetId: "mt-lnx-02", retentionVolumeId: "rv-lnx-02" }],
    ["app-02", 3, { masterTargetId: "mt-win-02" }],
    ["big-fs-01", 4, { location: "alternate", datastoreId: "ds-prod-01" }],
    ["file-br-01", 5, {}],
    ["erp-app-01", 6, {}],
    ["kiosk-01", 7, {}],
    ["legacy-app-01", 8, {}],
    ["phys-2008-01", 9, {}],
    ["test-web-01", 10, {}],
    ["sql-cl-01", 11, {}],
  ];
  it.each(REFUSALS)("%s is refused by check %i", (itemId, check, extra) => {
    const d = getReprotectOptions(h.db, vaultId, itemId, h.env()).defaults;
    const input = {
      processServerId: d.processServerId ?? undefined,
      masterTargetId: d.masterTargetId ?? undefined,
      accountId: d.accountId ?? undefined,
      datastoreId: d.datastoreId ?? undefined,
      retentionVolumeId: d.retentionVolumeId ?? undefined,
      ...extra,
    };
    const r = readinessCheck(h.db, { vaultId, itemId, ...input }, h.env());
    expect(r.checks.find((c) => c.number === check)?.passed).toBe(false);
  });

  it.each(["app-02", "app-03", "phys-win-01"])("%s is ready to re-protect with the dialog's defaults", (itemId) => {
    const d = getReprotectOptions(h.db, vaultId, itemId, h.env()).defaults;
    const r = readinessCheck(
      h.db,
      {
        vaultId,
        itemId,
        processServerId: d.processServerId!,
        masterTargetId: d.masterTargetId!,
        accountId: d.accountId!,
        datastoreId: d.datastoreId!,
        retentionVolumeId: d.retentionVolumeId!,
      },
      h.env(),
    );
    expect(r.checks.filter((c) => !c.passed && !c.advisory).map((c) => c.error?.message)).toEqual([]);
  });
});
