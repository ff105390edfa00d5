import path from "node:path";
import Stripe from "stripe";
import { type ControlClient, createControlClient, EMULATOR_SECRET_KEY } from "../../emulator/index";
import type { Intent } from "./events";
import { cleanEnv, ROOT, type ServerProcess, startProcess } from "./server";

export type BenchEmulator = { url: string; control: ControlClient; process: ServerProcess };

/**
 * The in-memory emulator (emulator/cli.ts → startEmulator) in a process of its own: in the bench's
 * process it would share one event loop with the load generator, and the app's reads from "Stripe"
 * would wait on autocannon.
 */
export async function startEmulatorProcess(port: number): Promise<BenchEmulator> {
  const url = `http://127.0.0.1:${port}`;
  const child = await startProcess({
    name: "emulator",
    command: process.execPath,
    args: [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "emulator/cli.ts"],
    // Set-up makes thousands of calls quickly: limits off, then Stripe's live-mode limits for the webhook
    // section (postgres-column.ts), as the app would meet them.
    env: cleanEnv({
      EMULATOR_PORT: String(port),
      EMULATOR_STATE: "memory",
      EMULATOR_RATE_LIMITS: "off",
      NODE_ENV: "production",
    }),
    url,
    readyPath: "/_emulator/clock",
  });
  return { url, control: createControlClient(url), process: child };
}

export type BenchStripe = { emulator: BenchEmulator; stripe: Stripe };

/** A platform client for the bench itself, talking to the emulator. */
export function benchStripe(emulator: BenchEmulator): BenchStripe {
  const url = new URL(emulator.url);
  const stripe = new Stripe(EMULATOR_SECRET_KEY, {
    host: url.hostname,
    port: Number(url.port),
    protocol: "http",
    maxNetworkRetries: 0,
  });
  return { emulator, stripe };
}

/** A connected account that can take charges, as after Connect. */
export async function connectedAccount(ctx: BenchStripe, name: string): Promise<string> {
  const account = await ctx.emulator.control.createAccount({
    name,
    country: "GB",
    charges_enabled: true,
    connected: true,
  });
  return account.id;
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** `count` PaymentIntents confirmed with the 4242 test card on the account (amount in pence). */
/**
 * Succeeded card payments, each as payment_intent.succeeded carries it (its charge named by id) and its
 * charge as charge.succeeded carries it (card included).
 */
export async function succeededIntents(
  ctx: BenchStripe,
  account: string,
  count: number,
  amountMinor: number,
): Promise<Intent[]> {
  const created = await mapLimit(Array.from({ length: count }), 8, () =>
    ctx.stripe.paymentIntents.create(
      {
        amount: amountMinor,
        currency: "gbp",
        automatic_payment_methods: { enabled: true },
        confirm: true,
        payment_method: "pm_card_visa",
        return_url: "http://127.0.0.1/bench/return",
        expand: ["latest_charge"],
      },
      { stripeAccount: account },
    ),
  );
  return created.map((intent) => {
    const charge = intent.latest_charge;
    if (!charge || typeof charge === "string") throw new Error(`no charge on ${intent.id}`);
    return { intent: { ...intent, latest_charge: charge.id }, charge };
  });
}
