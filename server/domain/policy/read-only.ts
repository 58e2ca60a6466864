/** Why a failback policy is read-only: stated once (a refused Associate, the policy pages). */
import { FAILBACK_POLICY } from "./inputs";

export function failbackReadOnlyReason(replicationPolicyName: string | null): string {
  const f = FAILBACK_POLICY;
  return `it was created with ${replicationPolicyName ?? "its replication policy"} and can't be edited, deleted or associated on its own. Site Recovery applies it when machines are re-protected from Azure to on-premises (RPO threshold ${f.rpoThresholdMinutes} minutes, retention ${f.retentionHours} hours, app-consistent snapshots every ${f.appConsistentFrequencyMinutes} minutes).`;
}
