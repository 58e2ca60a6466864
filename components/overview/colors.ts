import type { ReplicationHealth } from "@/db/schema/enums";

/** The Overview charts' colours per replication health (theme variables). */
export const HEALTH_COLOR: Record<ReplicationHealth, string> = {
  healthy: "var(--color-success)",
  warning: "var(--color-warning)",
  critical: "var(--color-danger)",
  "not-applicable": "var(--color-fg-muted)",
};
