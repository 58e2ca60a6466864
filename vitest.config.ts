import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["server/**/*.test.ts", "db/**/*.test.ts", "lib/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    env: { PORTAL_SECRET: "unit-test-secret", LOG_LEVEL: "silent" },
    pool: "forks",
  },
});
