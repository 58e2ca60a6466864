import { defineConfig, devices } from "@playwright/test";
import { ADMIN_STORAGE_STATE, E2E_DATABASE_FILE, E2E_SETUP_TOKEN } from "./e2e/fixtures/files";

const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "./e2e",
  // Each test that changes data works in its own vault (e2e/fixtures), so any order and any
  // worker will do. No retries: a test that fails one run in ten is a failing test.
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  // Generous: the suite shares two cores with everything else on the machine.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // Creates the administrator through the first-run page and keeps its session for the others.
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    {
      name: "chromium",
      testIgnore: /auth\.setup\.ts$/,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1400, height: 900 }, storageState: ADMIN_STORAGE_STATE },
    },
  ],
  webServer: {
    command: "bash scripts/e2e-server.sh",
    url: `http://localhost:${port}/api/health`,
    // The automation API spec reaches the portal through a local TLS endpoint, a proxy on loopback.
    // The first-run token is the run's own (e2e/auth.setup.ts opens the setup link with it).
    env: {
      PORT: String(port),
      DATABASE_URL: `file:${E2E_DATABASE_FILE}`,
      PORTAL_TRUSTED_PROXIES: "loopback",
      PORTAL_SETUP_TOKEN: E2E_SETUP_TOKEN,
    },
    reuseExistingServer: false,
    // It builds the portal first: on a busy 2-core machine that alone can take over five minutes.
    timeout: 900_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
