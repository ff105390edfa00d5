// Starts the production build for Playwright on a fresh database: PostgreSQL when E2E_DATABASE_URL is
// set, otherwise a new PGlite folder (the embedded default a newcomer runs).
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

const port = process.env.E2E_PORT ?? "3100";
const env = {
  ...process.env,
  NODE_ENV: "production",
  APP_URL: `http://127.0.0.1:${port}`,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-0123456789abcdefghijklmnop",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
};
if (process.env.E2E_DATABASE_URL) {
  env.DATABASE_URL = process.env.E2E_DATABASE_URL;
} else {
  delete env.DATABASE_URL;
  env.PGLITE_DIR = ".data/e2e/pglite";
  rmSync(".data/e2e", { recursive: true, force: true });
}

const migrate = spawnSync(
  process.execPath,
  ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/migrate.ts"],
  { stdio: "inherit", env },
);
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const server = spawn(
  process.execPath,
  ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", "127.0.0.1"],
  {
    stdio: "inherit",
    env,
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
