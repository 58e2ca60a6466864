import { StatusBadge } from "@/components/ui/badge";
import { HEALTH_LABEL, HEALTH_TONE, ITEM_STATE_LABEL, ITEM_STATE_TONE, JOB_STATUS_LABEL, JOB_STATUS_TONE } from "@/lib/labels";

export function ItemStatus({ state }: { state: string }) {
  return <StatusBadge tone={ITEM_STATE_TONE[state] ?? "neutral"}>{ITEM_STATE_LABEL[state] ?? state}</StatusBadge>;
}

export function HealthStatus({ health }: { health: string }) {
  return <StatusBadge tone={HEALTH_TONE[health] ?? "neutral"}>{HEALTH_LABEL[health] ?? health}</StatusBadge>;
}

export function JobStatus({ status }: { status: string }) {
  return <StatusBadge tone={JOB_STATUS_TONE[status] ?? "neutral"}>{JOB_STATUS_LABEL[status] ?? status}</StatusBadge>;
}

export function ServerHealth({ health }: { health: string }) {
  const tone = health === "healthy" ? "success" : health === "warning" ? "warning" : "danger";
  return <StatusBadge tone={tone}>{health === "healthy" ? "Healthy" : health === "warning" ? "Warning" : "Critical"}</StatusBadge>;
}
