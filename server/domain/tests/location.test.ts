import { beforeEach, describe, expect, it } from "vitest";
import { failback as base, harness, vaultId } from "./harness";
import { buildCheckWorld, type ReprotectProposal } from "../checks/world";
import { decideFailbackLocation, isLocationError } from "../failback/location";
import { fabricFor } from "@/server/fabric";

type Case = {
  name: string;
  item: string;
  input: ReprotectProposal;
  sql?: string;
  expect: { location: "original" | "alternate"; newVm: boolean } | { code: string };
};

const CASES: Case[] = [
  {
    name: "existing VM, datastore reachable ⇒ original (delta sync)",
    item: "app-02",
    input: base,
    expect: { location: "original", newVm: false },
  },
  {
    name: "existing VM, alternate chosen ⇒ alternate",
    item: "app-02",
    input: { ...base, location: "alternate" },
    expect: { location: "alternate", newVm: true },
  },
  { name: "VM deleted, nothing chosen ⇒ alternate", item: "app-03", input: base, expect: { location: "alternate", newVm: true } },
  {
    name: "VM deleted, original chosen ⇒ refused, recommend alternate",
    item: "app-03",
    input: { ...base, location: "original" },
    expect: { code: "FB-0405" },
  },
  {
    name: "VM's datastore not reachable from the MT host ⇒ refused (no silent switch)",
    item: "app-02",
    input: { ...base, masterTargetId: "mt-lnx-02" },
    expect: { code: "8061" },
  },
  { name: "physical ⇒ always a new VMware VM", item: "phys-win-01", input: base, expect: { location: "alternate", newVm: true } },
  {
    name: "physical, original requested ⇒ refused",
    item: "phys-win-01",
    input: { ...base, location: "original" },
    expect: { code: "FB-0406" },
  },
  { name: "physical Windows Server 2008 R2 SP1 ⇒ refused", item: "phys-2008-01", input: base, expect: { code: "FB-0901" } },
  {
    name: "alternate on a datastore too small ⇒ refused",
    item: "app-02",
    input: { ...base, location: "alternate", datastoreId: "ds-small" },
    expect: { code: "FB-0402" },
  },
  {
    name: "alternate on a datastore the MT host cannot reach ⇒ refused",
    item: "app-02",
    input: { ...base, location: "alternate", datastoreId: "ds-esxi03-local" },
    expect: { code: "8061" },
  },
  {
    name: "alternate without a datastore ⇒ refused",
    item: "app-02",
    input: { ...base, location: "alternate", datastoreId: null },
    expect: { code: "FB-0404" },
  },
  {
    name: "2008 R2 protected as a VM can fail back",
    item: "app-02",
    sql: "update machines set os_name='Windows Server 2008 R2 SP1' where id='m-app-02'",
    input: base,
    expect: { location: "original", newVm: false },
  },
  {
    name: "MT host not discovered ⇒ refused",
    item: "app-02",
    sql: "update master_targets set host_id=null where id='mt-cs-01'",
    input: base,
    expect: { code: "FB-0403" },
  },
];

describe("failback location rules", () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });
  it.each(CASES)("$name", ({ item, input, sql, expect: exp }) => {
    if (sql) h.db.$client.prepare(sql).run();
    const w = buildCheckWorld(h.db, fabricFor(h.db, vaultId, new Date(h.clock.now())), h.item(item), input);
    const d = decideFailbackLocation(w, input);
    if ("code" in exp) {
      expect(isLocationError(d)).toBe(true);
      expect(d).toMatchObject({ code: exp.code });
      if ((exp.code === "FB-0405" || exp.code === "8061") && input.location !== "alternate")
        expect((d as { recommendedAction: string }).recommendedAction).toMatch(/alternate/);
    } else {
      expect(isLocationError(d)).toBe(false);
      expect(d).toMatchObject(exp);
    }
  });
});
