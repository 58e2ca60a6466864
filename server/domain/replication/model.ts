/**
 * Pure rules of the replication simulation: recovery point schedule, initial replication
 * throughput, RPO and replication health. No database here; simulate.ts applies them.
 * Health error codes are listed in ./README.md.
 */
import type { HealthError, RecoveryPointType, ReplicationHealth } from "@/db/schema";
import { CODES } from "../checks/codes";

export const MINUTE_MS = 60_000;
/** Crash-consistent points are taken every 5 simulated minutes. */
export const CRASH_CONSISTENT_INTERVAL_MS = 5 * MINUTE_MS;
/** A process server whose last heartbeat is older than this makes replication critical (806). */
export const HEARTBEAT_CRITICAL_MS = 15 * MINUTE_MS;
/** Throughput of an idle process server, MB/s; load takes its share away. */
export const PROCESS_SERVER_THROUGHPUT_MBPS = 200;
/** Processing lag of a process server at 50 % load, seconds (see processingLagSeconds). */
const BASE_LAG_SECONDS = 120;

export const HEALTH_CODE_HEARTBEAT = CODES.psHeartbeatLost;
export const HEALTH_CODE_RPO = CODES.rpoThresholdExceeded;

export type PointType = RecoveryPointType;

/**
 * Recovery point times due in (fromExclusive, toInclusive]: every 5 minutes, and every
 * appFrequencyMinutes (0 = no app-consistent points), both aligned to the epoch so the schedule
 * does not depend on when the simulation happened to tick. A time on both schedules is one
 * app-consistent point.
 */
export function dueRecoveryPoints(
  fromExclusive: number,
  toInclusive: number,
  appFrequencyMinutes: number,
): { at: number; type: PointType }[] {
  if (!(toInclusive > fromExclusive)) return [];
  const appMs = appFrequencyMinutes > 0 ? appFrequencyMinutes * MINUTE_MS : 0;
  const times = new Map<number, PointType>();
  const firstAfter = (step: number) => (Math.floor(fromExclusive / step) + 1) * step;
  for (let t = firstAfter(CRASH_CONSISTENT_INTERVAL_MS); t <= toInclusive; t += CRASH_CONSISTENT_INTERVAL_MS)
    times.set(t, "crash-consistent");
  if (appMs) for (let t = firstAfter(appMs); t <= toInclusive; t += appMs) times.set(t, "app-consistent");
  return [...times.entries()].sort((a, b) => a[0] - b[0]).map(([at, type]) => ({ at, type }));
}

/**
 * How far behind "now" the process server has processed data: grows steeply as it nears full
 * load (20 % ⇒ 30 s, 50 % ⇒ 2 min, 80 % ⇒ 8 min, 90 % ⇒ 18 min, ≥ 95 % ⇒ 38 min).
 */
export function processingLagSeconds(loadPercent: number): number {
  const load = Math.max(0, Math.min(0.95, loadPercent / 100));
  return Math.round((BASE_LAG_SECONDS * load) / (1 - load));
}

/** MB/s the process server can give initial replication at its load (never below 10 %). */
export function throughputMBps(loadPercent: number): number {
  return PROCESS_SERVER_THROUGHPUT_MBPS * Math.max(0.1, 1 - Math.max(0, loadPercent) / 100);
}

/** Initial replication percent after `elapsedMs` of copying `diskGb` at the process server's throughput. */
export function advanceInitialReplication(percent: number, diskGb: number, loadPercent: number, elapsedMs: number): number {
  if (elapsedMs <= 0) return percent;
  if (diskGb <= 0) return 100;
  const copiedMb = (throughputMBps(loadPercent) * elapsedMs) / 1000;
  return Math.min(100, percent + (copiedMb / (diskGb * 1024)) * 100);
}

/** RPO: age of the latest recovery point, in seconds. */
export function rpoSeconds(lastPointAt: number | null, now: number): number | null {
  return lastPointAt == null ? null : Math.max(0, Math.round((now - lastPointAt) / 1000));
}

export type HealthInput = {
  now: number;
  processServerName: string | null;
  processServerHeartbeatAt: number | null;
  rpoSeconds: number | null;
  rpoThresholdMinutes: number;
  /** The item's current errors: codes this module owns are replaced, others are kept. */
  previous: HealthError[];
};

const minutes = (ms: number) => Math.floor(ms / MINUTE_MS);

/** Codes replicationHealth owns (replaces); hoisted: it runs for every item on every tick. */
export const OWNED_HEALTH_CODES: ReadonlySet<string> = new Set<string>([HEALTH_CODE_HEARTBEAT, HEALTH_CODE_RPO]);

/** When the error `code` was first raised (kept across ticks), or now for a new error. */
function raisedAt(previous: HealthError[], code: string, now: number): number {
  return previous.find((e) => e.code === code)?.at ?? now;
}

/** Replication health and health errors of a replicating item. */
export function replicationHealth(input: HealthInput): { health: ReplicationHealth; errors: HealthError[] } {
  const kept = input.previous.filter((e) => !OWNED_HEALTH_CODES.has(e.code));
  const errors: HealthError[] = [];

  const heartbeatAge = input.processServerHeartbeatAt == null ? Number.POSITIVE_INFINITY : input.now - input.processServerHeartbeatAt;
  if (heartbeatAge > HEARTBEAT_CRITICAL_MS) {
    const name = input.processServerName ?? "(none assigned)";
    errors.push({
      code: HEALTH_CODE_HEARTBEAT,
      message:
        input.processServerHeartbeatAt == null
          ? `The process server ${name} has never sent a heartbeat.`
          : `The process server ${name} has not sent a heartbeat for ${minutes(heartbeatAge)} minutes.`,
      possibleCauses: "The process server is stopped, or it lost its connection to the configuration server.",
      recommendedAction:
        "Check that the process server is running and can reach the configuration server on port 443, then wait for the next heartbeat.",
      severity: "critical",
      at: raisedAt(input.previous, HEALTH_CODE_HEARTBEAT, input.now),
    });
  }
  // A silent process server is the cause of the growing RPO: report the cause alone.
  if (!errors.length && input.rpoSeconds != null && input.rpoSeconds > input.rpoThresholdMinutes * 60) {
    errors.push({
      code: HEALTH_CODE_RPO,
      message: `The RPO of ${minutes(input.rpoSeconds * 1000)} minutes exceeds the policy's threshold of ${input.rpoThresholdMinutes} minutes.`,
      possibleCauses:
        "The process server is overloaded or not receiving data, or the machine's data change rate is higher than the network can carry.",
      recommendedAction:
        "Check the process server's load and heartbeat; add a process server to spread the load, or raise the network bandwidth.",
      severity: "warning",
      at: raisedAt(input.previous, HEALTH_CODE_RPO, input.now),
    });
  }
  const all = [...kept, ...errors];
  const health: ReplicationHealth = all.some((e) => e.severity === "critical")
    ? "critical"
    : all.some((e) => e.severity === "warning")
      ? "warning"
      : "healthy";
  return { health, errors: all };
}
