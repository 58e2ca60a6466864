export { simulateReplication, REPLICATING_STATES, type SimulationSummary } from "./simulate";
export * from "./model";
