/** Add a master target server (Windows via Unified Setup, or Linux with the setup checklist). */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import * as s from "@/db/schema";
import { addMasterTargetInput, LINUX_CHECKLIST_LABELS, type AddMasterTargetInput } from "./inputs";
import { recordMasterTargetChecks } from "./master-target-checks";
import { DomainError, invalid, notFound } from "../errors";
import { CODES } from "../checks/codes";
import { canBeFailbackTarget } from "../checks/check-07-esxi-license";
import type { VerbEnv } from "../env";
import { vaultVerb } from "../verb";
import { loadConfigurationServer, nameInUse } from "./load";

export { addMasterTargetInput, LINUX_CHECKLIST_LABELS };
export type { AddMasterTargetInput };

export function addMasterTarget(db: DbOrTx, raw: AddMasterTargetInput, env?: VerbEnv): { masterTargetId: string; warnings: string[] } {
  return vaultVerb(db, addMasterTargetInput, raw, env, ({ tx, input, now, fabric }) => {
    const cs = loadConfigurationServer(tx, input.vaultId, input.configurationServerId);
    const host = tx.select().from(s.esxiHosts).where(eq(s.esxiHosts.id, input.hostId)).get();
    const vc = host ? tx.select().from(s.vcenters).where(eq(s.vcenters.id, host.vcenterId)).get() : undefined;
    if (!host || vc?.configurationServerId !== cs.id) throw notFound("ESXi host", input.hostId);
    const reach = tx
      .select()
      .from(s.datastoreHosts)
      .where(and(eq(s.datastoreHosts.datastoreId, input.datastoreId), eq(s.datastoreHosts.hostId, host.id)))
      .get();
    if (!reach) throw invalid("datastoreId", `The datastore is not reachable from ${host.name}.`);
    if (!input.diskEnableUuid)
      throw new DomainError("Invalid", {
        code: CODES.mtDiskEnableUuid,
        message: "disk.EnableUUID must be TRUE on the master target VM.",
        recommendedAction: "Power off the VM, add disk.EnableUUID = TRUE under Configuration Parameters, power it on, then add it.",
        fieldErrors: { diskEnableUuid: ["Set disk.EnableUUID to TRUE."] },
      });
    if (input.osType === "linux") {
      if (!input.linuxChecklist) throw invalid("linuxChecklist", "Confirm the Linux master target checklist.");
      if (!/centos\s*6\.6/i.test(input.osName) || !input.linuxChecklist.centos66Minimal)
        throw invalid("osName", "A Linux master target must run CentOS 6.6 minimal.");
      const missing = (Object.keys(LINUX_CHECKLIST_LABELS) as (keyof typeof LINUX_CHECKLIST_LABELS)[]).filter(
        (k) => k !== "xfsReiserfsPackages" && !input.linuxChecklist![k],
      );
      if (missing.length) throw invalid("linuxChecklist", `Not done yet: ${missing.map((k) => LINUX_CHECKLIST_LABELS[k]).join("; ")}.`);
    }
    if (/^fat(32)?$/i.test(input.retentionVolume.fileSystem))
      throw invalid("retentionVolume.fileSystem", "The retention drive cannot be FAT or FAT32.");
    if (nameInUse(tx, s.masterTargets, cs.id, input.name))
      throw invalid("name", `A master target named ${input.name} is already registered with ${cs.name}.`);
    const id = crypto.randomUUID();
    tx.insert(s.masterTargets)
      .values({
        id,
        configurationServerId: cs.id,
        name: input.name,
        ip: input.ip ?? null,
        osType: input.osType,
        osName: input.osName,
        hostId: host.id,
        datastoreId: input.datastoreId,
        lastHeartbeatAt: now,
        diskEnableUuid: true,
        linuxChecklist: input.linuxChecklist ?? null,
      })
      .run();
    tx.insert(s.retentionVolumes)
      .values({
        masterTargetId: id,
        name: input.retentionVolume.name,
        fileSystem: input.retentionVolume.fileSystem,
        capacityGb: input.retentionVolume.capacityGb,
        freeGb: input.retentionVolume.capacityGb,
      })
      .run();
    // The configuration server reads the checklist from the new server.
    recordMasterTargetChecks(tx, fabric(), id, now);
    const warnings: string[] = [];
    if (input.osType === "linux" && !input.linuxChecklist?.xfsReiserfsPackages)
      warnings.push("Install the ReiserFS/XFS support packages before protecting machines whose root or boot volume uses them.");
    if (!canBeFailbackTarget(host))
      warnings.push(`${host.name} runs a free ESXi license: failback to it will fail until it has at least an Evaluation license.`);
    return { masterTargetId: id, warnings };
  });
}
