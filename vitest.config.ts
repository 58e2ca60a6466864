import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["server/**/*.test.ts", "db/**/*.test.ts", "lib/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    env: { PORTAL_SECRET: "unit-test-secret-of-at-least-32-characters", LOG_LEVEL: "silent" },
    pool: "forks",
    // Password hashing and whole round trips on a loaded 2-core machine: a limit against hangs, not a speed assertion.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
