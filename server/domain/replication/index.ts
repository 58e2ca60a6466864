export { simulateReplication, slicedReplication, PORTAL_REPLICATION_SLICE, REPLICATING_STATES, type SimulationSummary } from "./simulate";
export * from "./model";
