import { DEFAULT_EMULATOR_PORT, EMULATOR_WEBHOOK_SECRET, STRIPE_JS_PATH } from "./constants";
import { startEmulator } from "./index";

/**
 * `npm run emulator`: EMULATOR_PORT (default 12111), EMULATOR_HOST (default 127.0.0.1),
 * EMULATOR_STATE (default ./.data/stripe-emulator.json; `memory` keeps nothing),
 * EMULATOR_PUBLIC_URL (optional), EMULATOR_WEBHOOK_RETRIES_MS (e.g. "1000,5000,25000"),
 * EMULATOR_RATE_LIMITS (`sandbox`, the default: Stripe's limits for test keys; `live`; `off`).
 */
async function main(): Promise<void> {
  const env = process.env;
  const state = env.EMULATOR_STATE ?? "./.data/stripe-emulator.json";
  const retries = env.EMULATOR_WEBHOOK_RETRIES_MS?.split(",").map((s) => Number(s.trim()));
  if (retries?.some((n) => !Number.isFinite(n) || n < 0))
    throw new Error("EMULATOR_WEBHOOK_RETRIES_MS must be comma-separated milliseconds");
  const port = Number(env.EMULATOR_PORT ?? DEFAULT_EMULATOR_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`EMULATOR_PORT is not a port: ${env.EMULATOR_PORT}`);
  const rateLimits = env.EMULATOR_RATE_LIMITS ?? "sandbox";
  if (rateLimits !== "sandbox" && rateLimits !== "live" && rateLimits !== "off")
    throw new Error("EMULATOR_RATE_LIMITS must be sandbox, live or off");
  const running = await startEmulator({
    rateLimits,
    port,
    host: env.EMULATOR_HOST ?? "127.0.0.1",
    statePath: state === "memory" ? undefined : state,
    publicUrl: env.EMULATOR_PUBLIC_URL || undefined,
    webhookRetryDelaysMs: retries,
  });
  console.log(`Stripe emulator listening on ${running.url}`);
  console.log(`  state: ${state === "memory" ? "in memory" : state}`);
  console.log(`  rate limits: ${rateLimits}`);
  console.log(`  stand-in Stripe.js: ${running.url}${STRIPE_JS_PATH}`);
  console.log(`  webhook secret for control-registered endpoints: ${EMULATOR_WEBHOOK_SECRET}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Stripe emulator stopping (${signal})`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`Stripe emulator failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
