// Starts the production build for Playwright on a fresh database (PostgreSQL when E2E_DATABASE_URL is
// set, otherwise a new PGlite folder: the embedded default a newcomer runs) with a fresh in-memory
// Stripe emulator.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { startEmulatorForApp } from "./emulator-for-app";

const port = process.env.E2E_PORT ?? "3100";
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 3199);
const appUrl = `http://127.0.0.1:${port}`;

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  APP_URL: appUrl,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-0123456789abcdefghijklmnop",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  STRIPE_EMULATOR_URL: `http://127.0.0.1:${emulatorPort}`,
  STRIPE_SECRET_KEY: undefined,
  STRIPE_EMULATOR: "true",
};
if (process.env.E2E_DATABASE_URL) {
  env.DATABASE_URL = process.env.E2E_DATABASE_URL;
} else {
  env.DATABASE_URL = undefined;
  env.PGLITE_DIR = ".data/e2e/pglite";
  rmSync(".data/e2e", { recursive: true, force: true });
}

const migrate = spawnSync(
  process.execPath,
  ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/migrate.ts"],
  { stdio: "inherit", env },
);
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const emulator = await startEmulatorForApp({ port: emulatorPort, appUrl });
const server = spawn(
  process.execPath,
  ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", "127.0.0.1"],
  {
    stdio: "inherit",
    env,
  },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", async (code) => {
  await emulator.close();
  process.exit(code ?? 0);
});
