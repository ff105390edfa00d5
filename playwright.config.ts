import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium: /usr/bin/chromium is a wrapper script; the binary itself starts faster and quieter.
const chromium = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => existsSync(p));
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  // The server's log of the whole run is searched for secrets and personal data (e2e/log-secrets-teardown.ts).
  globalTeardown: "./e2e/log-secrets-teardown.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    // Sign-up takes the browser's language and time zone: fixed here so every spec reads the same dates;
    // a spec about those preferences sets its own.
    locale: "en-GB",
    timezoneId: "UTC",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "app", testDir: "e2e/app", use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "emulator", testDir: "e2e/emulator", use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  // The production build is made beforehand (scripts/test-all.ts or `npm run build`): a failed build
  // must stop the run before any server starts.
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs scripts/e2e-server.ts",
    url: `${baseURL}/api/health/ready`,
    // Migrating a fresh PGlite folder takes ~15 s alone and over a minute on a loaded machine.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port), E2E_EMULATOR_PORT: String(port + 99) },
  },
});
