// Starts the production build for Playwright on a fresh database (PostgreSQL when E2E_DATABASE_URL is
// set, otherwise a new PGlite folder: the embedded default a newcomer runs) with a fresh in-memory
// Stripe emulator.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { E2E_SERVER_LOG } from "../e2e/server-log";
import { startEmulatorForApp } from "./emulator-for-app";

const port = process.env.E2E_PORT ?? "3100";
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 3199);
const appUrl = `http://127.0.0.1:${port}`;

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  APP_URL: appUrl,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-0123456789abcdefghijklmnop",
  // Everything down to info goes to E2E_SERVER_LOG, which the run's teardown searches for secrets; only
  // warnings and errors (stderr) are shown on the console.
  LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
  STRIPE_EMULATOR_URL: `http://127.0.0.1:${emulatorPort}`,
  STRIPE_SECRET_KEY: undefined,
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
mkdirSync(".data/e2e", { recursive: true });
const log = createWriteStream(E2E_SERVER_LOG, { flags: "w" });
const server = spawn(
  process.execPath,
  ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", "127.0.0.1"],
  {
    stdio: ["inherit", "pipe", "pipe"],
    env,
  },
);
server.stdout?.pipe(log, { end: false });
server.stderr?.pipe(log, { end: false });
server.stderr?.pipe(process.stderr);
// Next prints its start banner on stdout; Playwright's webServer waits on the readiness URL, not on it.
server.stdout?.on("data", (chunk: Buffer) => {
  if (!chunk.toString().startsWith("{")) process.stdout.write(chunk);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", async (code) => {
  await emulator.close();
  process.exit(code ?? 0);
});
