/** Check 5: the vCenter run-as account may list datastores (a read-only one lists none). */
import { CODES } from "./codes";
import { refuse } from "./refuse";
import type { CheckWorld, ReprotectProposal } from "./world";
import { targetVCenterId } from "./check-04-datastore";
import type { DomainError } from "../errors";

const fix = (vc: string) =>
  `Update the credentials of the vCenter ${vc} with an account that has full permissions (Configuration Servers > Accounts > Update credentials), refresh the vCenter, then retry the job.`;

export function check05Account(w: CheckWorld, input: ReprotectProposal): DomainError | null {
  if (!input.accountId)
    return refuse(
      CODES.accountMissing,
      `No run-as account was chosen for failback of ${w.item.name}.`,
      "Reprotect uses the account to reach vCenter and the master target.",
      "Choose an account in the Re-protect dialog.",
    );
  const a = w.account;
  if (!a || a.configurationServerId !== w.configurationServer.id)
    return refuse(
      CODES.accountMissing,
      `The account '${input.accountId}' is not known to ${w.configurationServer.name}.`,
      "It was removed.",
      "Choose an account listed in the Re-protect dialog.",
    );
  const vcId = targetVCenterId(w, input);
  const vc = vcId ? w.fabric.vcenter(vcId) : null;
  if (vc && w.fabric.vcenterAccountPermission(vc.id) !== "full")
    return refuse(
      CODES.accountReadOnly,
      `The account used to discover the vCenter ${vc.name} is read-only, so no datastores are listed for ${w.item.name}.`,
      "A read-only vCenter account discovers VMs (protection and failover work) but no datastores, so reprotect has nothing to offer.",
      fix(vc.name),
    );
  if (a.permission !== "full")
    return refuse(
      CODES.accountReadOnly,
      `The account ${a.friendlyName} is read-only.`,
      "Reprotect needs an account that can list datastores and create disks.",
      fix(vc?.name ?? "server"),
    );
  return null;
}
