import { randomBytes } from "node:crypto";
import type { BenchOptions } from "./options";
import { cleanEnv } from "./server";
import type { BenchEmulator, BenchStripe } from "./stripe";

/** What every section of a run shares. */
export type RunContext = {
  options: BenchOptions;
  stripe: BenchStripe;
  emulator: BenchEmulator;
  log: (line: string) => void;
};

const AUTH_SECRET = randomBytes(32).toString("base64url");

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
    STRIPE_EMULATOR_URL: ctx.emulator.url,
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    ...(ctx.options.appNodeOptions ? { NODE_OPTIONS: ctx.options.appNodeOptions } : {}),
  });
}

export const PORTS = { app: 3500, nodeHttp: 3501, bareNext: 3502, emulator: 3599 };
