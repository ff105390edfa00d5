import postgres from "postgres";
import Stripe from "stripe";

// The bare baseline of the webhook route: the same signature check as the app (the stripe SDK's
// constructEvent) and the least SQL that records an event exactly once. It does not read the
// PaymentIntent back from Stripe, recompute the invoice, write the audit log or queue emails.

export const BASELINE_TABLES = `
create table if not exists bench_baseline_events (
  id text primary key,
  type text not null,
  account text,
  payload jsonb not null,
  received_at timestamptz not null default now()
);
create table if not exists bench_baseline_payments (
  pi text primary key,
  status text not null default 'requires_payment_method'
);`;

export type BaselineAnswer = { status: number; body: unknown };

export function createBaselineHandler(options: { databaseUrl: string; webhookSecret: string }) {
  // The same pool size and SDK configuration as the app (db/client.ts, lib/stripe/client.ts).
  const sql = postgres(options.databaseUrl, { max: 10, onnotice: () => {} });
  const stripe = new Stripe("sk_test_baseline", { maxNetworkRetries: 2, timeout: 20_000 });

  async function handle(payload: string, signature: string | null): Promise<BaselineAnswer> {
    if (!signature) return { status: 400, body: { error: "invalid signature" } };
    let event: Stripe.Event;
    try {
      event = stripe.webhooks.constructEvent(payload, signature, options.webhookSecret);
    } catch {
      return { status: 400, body: { error: "invalid signature" } };
    }
    const object = event.data.object as { id?: string };
    try {
      const outcome = await sql.begin(async (tx) => {
        const inserted = await tx`
          insert into bench_baseline_events (id, type, account, payload)
          values (${event.id}, ${event.type}, ${event.account ?? null}, ${payload}::jsonb)
          on conflict do nothing returning id`;
        if (inserted.length === 0) return "duplicate";
        await tx`update bench_baseline_payments set status = 'succeeded' where pi = ${object.id ?? ""}`;
        return "processed";
      });
      return { status: 200, body: { received: true, outcome } };
    } catch {
      return { status: 500, body: { error: "processing failed; retry" } };
    }
  }

  return { handle, close: () => sql.end({ timeout: 5 }) };
}
