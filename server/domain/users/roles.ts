/**
 * The one role table. Procedures declare a minimum role (server/api/trpc.ts), and the UI asks
 * `permissions[operation]` (users.me) so a button is disabled with the same rule the server applies.
 */
// The enums module, not the schema index: the UI imports this file (no drizzle in the browser bundle).
import { ROLES, type Role } from "@/db/schema/enums";

export { ROLES, type Role };

export const ROLE_RANK: Record<Role, number> = { reader: 1, operator: 2, contributor: 3, owner: 4 };

export const ROLE_LABEL: Record<Role, string> = {
  reader: "Reader",
  operator: "Operator",
  contributor: "Contributor",
  owner: "Owner",
};

export const ROLE_DESCRIPTION: Record<Role, string> = {
  owner: "Everything, including managing users and their roles.",
  contributor: "All Site Recovery operations and infrastructure: replication, servers, accounts, policies, recovery plans, Lab.",
  operator: "Failover, commit, re-protect, test failover and cleanup, change recovery point, run/resume plans, cancel/restart jobs.",
  reader: "View only.",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Every operation a user may be allowed or refused, with its portal label and minimum role. */
export const OPERATIONS = {
  view: { label: "View", minRole: "reader" },
  // Operator: run the recovery, not change its setup.
  failover: { label: "Failover", minRole: "operator" },
  unplannedFailover: { label: "Unplanned failover", minRole: "operator" },
  commit: { label: "Commit", minRole: "operator" },
  reprotect: { label: "Re-protect", minRole: "operator" },
  testFailover: { label: "Test failover", minRole: "operator" },
  cleanupTestFailover: { label: "Cleanup test failover", minRole: "operator" },
  changeRecoveryPoint: { label: "Change recovery point", minRole: "operator" },
  runPlan: { label: "Run recovery plan", minRole: "operator" },
  resumePlan: { label: "Resume recovery plan", minRole: "operator" },
  cancelJob: { label: "Cancel job", minRole: "operator" },
  restartJob: { label: "Restart job", minRole: "operator" },
  resumeJob: { label: "Resume job", minRole: "operator" },
  // Contributor: replication, infrastructure, policies, plans, Lab.
  enableReplication: { label: "Replicate", minRole: "contributor" },
  disableReplication: { label: "Disable replication", minRole: "contributor" },
  manageInfrastructure: { label: "Manage infrastructure", minRole: "contributor" },
  manageAccounts: { label: "Manage accounts", minRole: "contributor" },
  managePolicies: { label: "Manage replication policies", minRole: "contributor" },
  editPlans: { label: "Edit recovery plans", minRole: "contributor" },
  lab: { label: "Change Lab settings", minRole: "contributor" },
  exportActivityLog: { label: "Export the activity log", minRole: "contributor" },
  // Owner.
  manageUsers: { label: "Manage users", minRole: "owner" },
} as const satisfies Record<string, { label: string; minRole: Role }>;

export type Operation = keyof typeof OPERATIONS;
export const OPERATION_KEYS = Object.keys(OPERATIONS) as Operation[];

export function hasRole(role: Role | null | undefined, minRole: Role): boolean {
  return role != null && ROLE_RANK[role] >= ROLE_RANK[minRole];
}

export function can(role: Role | null | undefined, operation: Operation): boolean {
  return hasRole(role, OPERATIONS[operation].minRole);
}

export function permissionsFor(role: Role | null | undefined): Record<Operation, boolean> {
  return Object.fromEntries(OPERATION_KEYS.map((op) => [op, can(role, op)])) as Record<Operation, boolean>;
}

/** Why `role` may not run something needing `minRole`, in the portal's words; null when it may. */
export function roleDenialReason(role: Role | null | undefined, minRole: Role, label: string): string | null {
  if (hasRole(role, minRole)) return null;
  if (role == null) return `You have no role in this vault, so you can't run ${label}. Ask an Owner for the ${ROLE_LABEL[minRole]} role.`;
  return `Your role (${ROLE_LABEL[role]}) can't run ${label}. Ask an Owner for the ${ROLE_LABEL[minRole]} role.`;
}

export function denialReason(role: Role | null | undefined, operation: Operation): string | null {
  const op = OPERATIONS[operation];
  return roleDenialReason(role, op.minRole, op.label);
}
