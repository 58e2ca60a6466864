/**
 * Job definitions by type. Kept on globalThis because Next bundles instrumentation (where the
 * engine runs) and route handlers (where cancel/restart call the hooks) as separate module
 * graphs in one process: both must see the same definitions.
 */
import type { JobDefinition } from "./types";

const store = globalThis as unknown as { __portalJobDefinitions?: Map<string, JobDefinition> };

function definitions(): Map<string, JobDefinition> {
  store.__portalJobDefinitions ??= new Map();
  return store.__portalJobDefinitions;
}

/** Registers (or, on a hot reload, replaces) the definition for `def.type`. */
export function registerJobDefinition(def: JobDefinition): void {
  if (!def.type) throw new Error("A job definition needs a type.");
  definitions().set(def.type, def);
}

export function getJobDefinition(type: string): JobDefinition | undefined {
  return definitions().get(type);
}

export function listJobDefinitionTypes(): string[] {
  return [...definitions().keys()].sort();
}

/** For tests: forget a definition registered by the test. */
export function unregisterJobDefinition(type: string): void {
  definitions().delete(type);
}
