import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseScaledDecimal } from "./money";

// The one reader of process.env. Everything is validated once; a bad value stops start-up with a
// message naming the variable (instrumentation.ts calls getEnv() when the server boots).

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const nonNegativeInt = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number of minor units, such as 30")
    .transform(Number)
    .optional()
    .transform((v) => v ?? fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  PGLITE_DIR: optionalString,
  APP_URL: z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
    .default("http://localhost:3000"),
  AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  STRIPE_SECRET_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^(sk|rk)_(test|live)_/, "must start with sk_test_, sk_live_, rk_test_ or rk_live_")
      .optional(),
  ),
  STRIPE_PUBLISHABLE_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^pk_(test|live)_/, "must start with pk_test_ or pk_live_")
      .optional(),
  ),
  STRIPE_CONNECT_CLIENT_ID: optionalString.pipe(z.string().regex(/^ca_/, "must start with ca_").optional()),
  STRIPE_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^whsec_/, "must start with whsec_")
      .optional(),
  ),
  STRIPE_CONNECT_WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^whsec_/, "must start with whsec_")
      .optional(),
  ),
  // Production runs against the offline emulator only when asked for by name (checked in parseEnv).
  STRIPE_EMULATOR: optionalString
    .pipe(z.enum(["true", "false"], { message: "must be true or false" }).optional())
    .transform((v) => v === "true"),
  STRIPE_EMULATOR_URL: z.url({ message: "must be a URL" }).default("http://127.0.0.1:12111"),
  PLATFORM_FEE_PERCENT: z
    .string()
    .trim()
    .regex(/^\d{1,2}(\.\d{1,2})?$/, "must be a percentage between 0 and 99.99, such as 2.5")
    .optional(),
  PLATFORM_FEE_FIXED_MINOR: nonNegativeInt(0),
  // Whether a refund also gives back the platform's application fee, in proportion (Stripe's rule).
  REFUND_APPLICATION_FEE: optionalString
    .pipe(z.enum(["true", "false"], { message: "must be true or false" }).optional())
    .transform((v) => v === "true"),
  // "false": this app server runs no job engine (reminders, recurring work); `npm run worker` does, on
  // PostgreSQL. Default true: one process does everything (required with PGlite).
  JOBS_IN_PROCESS: optionalString
    .pipe(z.enum(["true", "false"], { message: "must be true or false" }).optional())
    .transform((v) => v !== "false"),
  // "false": this app server applies no webhook events (it stores and acknowledges them); `npm run
  // worker` applies them, on PostgreSQL. Default true (required with PGlite).
  WEBHOOK_WORKER_IN_PROCESS: optionalString
    .pipe(z.enum(["true", "false"], { message: "must be true or false" }).optional())
    .transform((v) => v !== "false"),
  // "false": PostgreSQL statements are not prepared (db/prepared-statements.ts), for a pooler that cannot
  // keep them per server connection. Default true.
  DATABASE_PREPARED_STATEMENTS: optionalString
    .pipe(z.enum(["true", "false"], { message: "must be true or false" }).optional())
    .transform((v) => v !== "false"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // Bearer token for the readiness figures (/api/health/ready); unset: only ok / not ok is shown.
  HEALTH_TOKEN: optionalString.pipe(z.string().min(24, "must be at least 24 characters").optional()),
  // Unset: emails stay in the outbox and show in the development mailbox instead of being sent.
  SMTP_URL: optionalString.pipe(
    z.url({ protocol: /^smtps?$/, message: "must be an smtp:// or smtps:// URL" }).optional(),
  ),
  EMAIL_FROM: optionalString.pipe(
    z
      .email("must be an email address, such as invoices@example.com")
      .optional()
      .transform((v) => v ?? "invoices@sixthdesk.localhost"),
  ),
});

type RawEnv = z.infer<typeof schema>;

export type Env = Omit<RawEnv, "AUTH_SECRET" | "PLATFORM_FEE_PERCENT"> & {
  AUTH_SECRET: string;
  /** Platform fee in basis points (2.5% → 250). */
  platformFeeBps: number;
  stripeMode: "live" | "emulator";
};

export class EnvError extends Error {
  override name = "EnvError";
}

/** "2.5" (percent) → 250 basis points, exactly: the value was validated as at most two decimals. */
function percentToBps(value: string | undefined): number {
  if (value === undefined) return 0;
  const parsed = parseScaledDecimal(value, { scale: 2 });
  return parsed.ok ? Number(parsed.value) : 0;
}

function developmentAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export type ParseEnvOptions = {
  /**
   * False for processes that never sign anyone in (reconcile, the email worker): in production they run
   * without AUTH_SECRET, and get a throwaway one that nothing uses.
   */
  sessions?: boolean;
};

export function parseEnv(source: Record<string, string | undefined>, options: ParseEnvOptions = {}): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const raw = result.data;
  const stripeMode = raw.STRIPE_SECRET_KEY ? "live" : "emulator";
  if (stripeMode === "live") {
    const missing = (
      ["STRIPE_PUBLISHABLE_KEY", "STRIPE_CONNECT_CLIENT_ID", "STRIPE_WEBHOOK_SECRET"] as const
    ).filter((key) => !raw[key]);
    if (missing.length > 0) {
      throw new EnvError(
        `Invalid environment configuration:\n${missing.map((k) => `  ${k}: required when STRIPE_SECRET_KEY is set`).join("\n")}`,
      );
    }
  }
  let authSecret = raw.AUTH_SECRET;
  if (!authSecret && options.sessions === false) {
    authSecret = randomBytes(32).toString("base64url");
  } else if (!authSecret) {
    if (raw.NODE_ENV === "production") {
      throw new EnvError(
        "Invalid environment configuration:\n  AUTH_SECRET: required in production (32+ characters)",
      );
    }
    authSecret = developmentAuthSecret(path.resolve(/* turbopackIgnore: true */ process.cwd(), ".data"));
  }
  if (stripeMode === "emulator" && raw.NODE_ENV === "production" && !raw.STRIPE_EMULATOR) {
    throw new EnvError(
      [
        "Invalid environment configuration:",
        "  STRIPE_SECRET_KEY: required in production. Without it SixthDesk would take fake payments from",
        "  the offline Stripe emulator. Set STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY, STRIPE_CONNECT_CLIENT_ID",
        "  and STRIPE_WEBHOOK_SECRET (README: Going live with real Stripe), or set STRIPE_EMULATOR=true to run",
        "  a production build against the emulator on purpose (tests, benchmarks, demos).",
      ].join("\n"),
    );
  }
  if (stripeMode === "live" && raw.STRIPE_EMULATOR) {
    throw new EnvError(
      "Invalid environment configuration:\n  STRIPE_EMULATOR: cannot be true while STRIPE_SECRET_KEY is set; unset one of them",
    );
  }
  if (!raw.WEBHOOK_WORKER_IN_PROCESS && !raw.DATABASE_URL) {
    throw new EnvError(
      "Invalid environment configuration:\n  WEBHOOK_WORKER_IN_PROCESS: can be false only with DATABASE_URL (PostgreSQL); with PGlite the app server applies webhook events itself",
    );
  }
  const { PLATFORM_FEE_PERCENT, ...rest } = raw;
  return { ...rest, AUTH_SECRET: authSecret, platformFeeBps: percentToBps(PLATFORM_FEE_PERCENT), stripeMode };
}

let cached: Env | undefined;
let processOptions: ParseEnvOptions = {};

/** For scripts, before anything reads the environment: see ParseEnvOptions. */
export function configureEnv(options: ParseEnvOptions) {
  processOptions = options;
  cached = undefined;
}

export function getEnv(): Env {
  if (!cached) {
    cached = parseEnv(process.env, processOptions);
    // next-auth reads its base URL (and whether cookies are Secure) from NEXTAUTH_URL itself.
    process.env.NEXTAUTH_URL ??= cached.APP_URL;
  }
  return cached;
}
