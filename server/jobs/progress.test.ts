/**
 * A job's live view: when its running step next moves by a whole percent (in real time, at the
 * vault's simulation speed), and what makes a view worth sending again.
 */
import { describe, expect, it } from "vitest";
import { memoryDb } from "@/db/client";
import { seedVault } from "@/db/seed";
import { setSimulationSpeed } from "./clock";
import { jobViewFingerprint, nextProgressInMs, type JobDetails } from "./progress";

const vaultId = "v-progress";
const now = new Date(Date.UTC(2026, 0, 10, 12));

/** A view of a job whose one step started `elapsedS` simulated seconds ago and lasts `durationS`. */
function view(status: JobDetails["job"]["status"], elapsedS: number, durationS: number, progressPercent: number): JobDetails {
  const step = { status, startedAt: new Date(now.getTime() - elapsedS * 1000), durationSeconds: durationS, progressPercent, error: null };
  return { job: { vaultId, status, error: null }, now, progressPercent, steps: [step] } as unknown as JobDetails;
}

describe("a job's live view", () => {
  const db = memoryDb();
  seedVault(db, { id: vaultId, name: "progress-vault" });

  it("is due when the running step reaches its next percent, in real time at the vault's speed", () => {
    setSimulationSpeed(db, vaultId, 1);
    // 100 s step, 10.0 s in: 10 % now, 11 % at 11 s ⇒ 1 s away.
    expect(nextProgressInMs(db, view("in-progress", 10, 100, 10))).toBe(1000);
    setSimulationSpeed(db, vaultId, 10);
    expect(nextProgressInMs(db, view("in-progress", 10, 1000, 1))).toBe(1000);
  });

  it("is never sooner than half a second", () => {
    setSimulationSpeed(db, vaultId, 3600);
    expect(nextProgressInMs(db, view("in-progress", 10, 100, 10))).toBe(500);
  });

  it("is not due when nothing moves by time alone: waiting, final, a step without a duration, or at 99 %", () => {
    expect(nextProgressInMs(db, view("waiting-for-input", 10, 100, 10))).toBeNull();
    expect(nextProgressInMs(db, view("succeeded", 100, 100, 100))).toBeNull();
    expect(nextProgressInMs(db, view("in-progress", 10, 0, 0))).toBeNull();
    expect(nextProgressInMs(db, view("in-progress", 99.5, 100, 99))).toBeNull();
  });

  it("is sent again for a new status, percent or step error, not for the same percent later", () => {
    const a = view("in-progress", 10, 100, 10);
    expect(jobViewFingerprint(view("in-progress", 10.4, 100, 10))).toBe(jobViewFingerprint(a));
    expect(jobViewFingerprint(view("in-progress", 11, 100, 11))).not.toBe(jobViewFingerprint(a));
    expect(jobViewFingerprint(view("failed", 10, 100, 10))).not.toBe(jobViewFingerprint(a));
  });
});
