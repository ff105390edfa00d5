import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * Runs only the emulator's browser tests, without the app's web server:
 * `npx playwright test -c e2e/emulator/playwright.emulator.config.ts`.
 */
const chromium = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => existsSync(p));

export default defineConfig({
  testDir: ".",
  fullyParallel: true,
  forbidOnly: true,
  workers: 2,
  timeout: 30_000,
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    channel: undefined,
    trace: "retain-on-failure",
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
});
