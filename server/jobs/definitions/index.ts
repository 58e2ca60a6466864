/** Registers every job definition with the engine's registry (idempotent; call at startup and in tests). */
import { registerJobDefinition } from "../registry";
import { JOB_DEFINITIONS } from "./all";

export function registerAllJobDefinitions(): void {
  for (const def of JOB_DEFINITIONS) registerJobDefinition(def);
}

registerAllJobDefinitions();

export { JOB_DEFINITIONS };
