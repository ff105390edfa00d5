import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { BenchOptions } from "./options";
import { cleanEnv, ROOT } from "./server";
import type { BenchEmulator, BenchStripe } from "./stripe";

/** What every section of a run shares. */
export type RunContext = {
  options: BenchOptions;
  stripe: BenchStripe;
  emulator: BenchEmulator;
  log: (line: string) => void;
};

const AUTH_SECRET = randomBytes(32).toString("base64url");
/** The app's readiness figures (the webhook backlog the runner waits on) are shown only with it. */
export const HEALTH_TOKEN = randomBytes(24).toString("base64url");

/**
 * The NODE_OPTIONS `npm start` gives the server when none are set (the V8 heap cap that keeps it within
 * the memory target in bench/README.md), read from package.json so the bench measures what production runs.
 */
export function startScriptNodeOptions(): string | null {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  return /\$\{NODE_OPTIONS:-([^}]*)\}/.exec(pkg.scripts?.start ?? "")?.[1] ?? null;
}

/** The app's environment under the bench: production, the emulator as Stripe, no email delivery. */
export function appEnv(
  ctx: RunContext,
  port: number,
  database: { DATABASE_URL: string } | { PGLITE_DIR: string },
) {
  return cleanEnv({
    ...database,
    NODE_ENV: "production",
    APP_URL: `http://127.0.0.1:${port}`,
    AUTH_SECRET,
    HEALTH_TOKEN,
    STRIPE_EMULATOR_URL: ctx.emulator.url,
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_OPTIONS: ctx.options.appNodeOptions ?? startScriptNodeOptions() ?? "",
  });
}

export const PORTS = { app: 3500, nodeHttp: 3501, bareNext: 3502, emulator: 3599 };
