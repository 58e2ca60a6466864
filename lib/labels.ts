import type { StatusTone } from "@/components/ui/badge";
import type { Health, ItemState, JobStatus, MachineKind, OsType, ProcessServerStatus, ReplicationHealth } from "@/db/schema/enums";
import { STATE_LABEL, LOCATION_LABEL, DIRECTION_LABEL } from "@/server/domain/replicated-item/state";
import { STATUS_LABEL } from "@/server/jobs/status";

/** The Azure portal's words for the values the domain stores (one entry per value: a missing one does not compile). */
export { STATE_LABEL as ITEM_STATE_LABEL, LOCATION_LABEL, DIRECTION_LABEL, STATUS_LABEL as JOB_STATUS_LABEL };

export const ITEM_STATE_TONE: Record<ItemState, StatusTone> = {
  "enabling-protection": "progress",
  protected: "success",
  "failover-in-progress": "progress",
  "failover-completed": "info",
  "commit-in-progress": "progress",
  "failover-committed": "info",
  reprotecting: "progress",
  "test-failover-in-progress": "progress",
  "test-failover-completed": "info",
  "test-failover-cleanup-in-progress": "progress",
  "disabling-replication": "progress",
  "replication-disabled": "neutral",
};

export const HEALTH_LABEL: Record<ReplicationHealth, string> = {
  healthy: "Healthy",
  warning: "Warning",
  critical: "Critical",
  "not-applicable": "Not applicable",
};
export const HEALTH_TONE: Record<ReplicationHealth, StatusTone> = {
  healthy: "success",
  warning: "warning",
  critical: "danger",
  "not-applicable": "neutral",
};
/** Configuration and process servers use the replication health words, without "Not applicable". */
export const SERVER_HEALTH_LABEL: Record<Health, string> = HEALTH_LABEL;
export const SERVER_HEALTH_TONE: Record<Health, StatusTone> = HEALTH_TONE;

export const JOB_STATUS_TONE: Record<JobStatus, StatusTone> = {
  "not-started": "neutral",
  "in-progress": "progress",
  succeeded: "success",
  failed: "danger",
  cancelled: "neutral",
  "waiting-for-input": "paused",
};

/** A process server's registration with the configuration server (a failback process server: deployed, then registered). */
export const PROCESS_SERVER_STATUS_LABEL: Record<ProcessServerStatus, string> = {
  deploying: "Deploying",
  deployed: "Not registered",
  registering: "Registering",
  registered: "Registered",
};
export const PROCESS_SERVER_STATUS_TONE: Record<ProcessServerStatus, StatusTone> = {
  deploying: "progress",
  deployed: "warning",
  registering: "progress",
  registered: "success",
};

export const KIND_LABEL: Record<MachineKind, string> = { vmware: "VMware VM", physical: "Physical server" };
export const OS_LABEL: Record<OsType, string> = { windows: "Windows", linux: "Linux" };

export function formatRpo(seconds: number | null | undefined): string {
  if (seconds == null) return "—";
  if (seconds < 60) return `${seconds} sec`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return m ? `${h} hr ${m} min` : `${h} hr`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} sec`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} sec`;
  return `${Math.floor(m / 60)} hr ${m % 60} min`;
}

export function formatTime(d: Date | string | number | null | undefined): string {
  if (d == null) return "—";
  const date = d instanceof Date ? d : new Date(d);
  return date.toLocaleString("en-US", {
    month: "numeric",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    second: "2-digit",
  });
}
