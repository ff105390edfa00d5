import Stripe from "stripe";
import { EMULATOR_SECRET_KEY, type RunningEmulator } from "../../emulator/index";

export type BenchStripe = { emulator: RunningEmulator; stripe: Stripe };

/** A platform client for the bench itself, talking to the in-memory emulator. */
export function benchStripe(emulator: RunningEmulator): BenchStripe {
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
export function succeededIntents(ctx: BenchStripe, account: string, count: number, amountMinor: number) {
  return mapLimit(Array.from({ length: count }), 8, () =>
    ctx.stripe.paymentIntents.create(
      {
        amount: amountMinor,
        currency: "gbp",
        automatic_payment_methods: { enabled: true },
        confirm: true,
        payment_method: "pm_card_visa",
        return_url: "http://127.0.0.1/bench/return",
      },
      { stripeAccount: account },
    ),
  );
}
