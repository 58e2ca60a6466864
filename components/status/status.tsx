import { StatusBadge } from "@/components/ui/badge";
import type { Health, ItemState, JobStatus as JobStatusValue, ReplicationHealth } from "@/db/schema/enums";
import {
  HEALTH_LABEL,
  HEALTH_TONE,
  ITEM_STATE_LABEL,
  ITEM_STATE_TONE,
  JOB_STATUS_LABEL,
  JOB_STATUS_TONE,
  SERVER_HEALTH_LABEL,
  SERVER_HEALTH_TONE,
} from "@/lib/labels";

export function ItemStatus({ state }: { state: ItemState }) {
  return <StatusBadge tone={ITEM_STATE_TONE[state]}>{ITEM_STATE_LABEL[state]}</StatusBadge>;
}

export function HealthStatus({ health }: { health: ReplicationHealth }) {
  return <StatusBadge tone={HEALTH_TONE[health]}>{HEALTH_LABEL[health]}</StatusBadge>;
}

export function JobStatus({ status }: { status: JobStatusValue }) {
  return <StatusBadge tone={JOB_STATUS_TONE[status]}>{JOB_STATUS_LABEL[status]}</StatusBadge>;
}

export function ServerHealth({ health }: { health: Health }) {
  return <StatusBadge tone={SERVER_HEALTH_TONE[health]}>{SERVER_HEALTH_LABEL[health]}</StatusBadge>;
}
