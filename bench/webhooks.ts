import type Stripe from "stripe";
import type { Sql } from "./lib/db";
import {
  buildStream,
  type EventKind,
  type EventSpec,
  eventBody,
  planStream,
  signedHeaders,
} from "./lib/events";
import { insertOpenInvoices, insertSeller, type Seller } from "./lib/fixtures";
import { type LoadResult, runLoad } from "./lib/load";
import { type BenchStripe, connectedAccount, mapLimit, succeededIntents } from "./lib/stripe";

export const REFUND_MINOR = 3_000;
const INTENT_MINOR = 12_000;
const WARM_UP_EVENTS = 50;

export type Level = { connections: number; amount: number; maxSeconds: number };

export function webhookLevels(quick: boolean): Level[] {
  return quick
    ? [
        { connections: 1, amount: 60, maxSeconds: 5 },
        { connections: 10, amount: 200, maxSeconds: 6 },
        { connections: 50, amount: 400, maxSeconds: 8 },
      ]
    : [
        { connections: 1, amount: 200, maxSeconds: 8 },
        { connections: 10, amount: 800, maxSeconds: 12 },
        { connections: 50, amount: 1_500, maxSeconds: 15 },
      ];
}

export type WebhookFixture = { seller: Seller; account: string; stream: EventSpec[] };

/**
 * One connected seller, a real succeeded PaymentIntent (and some refunds) in the emulator per
 * payment_intent.succeeded event of the stream, and our invoice + payment row for each: the app's
 * handler reads each intent back from the emulator, as it would from Stripe.
 */
export async function prepareWebhookFixture(
  ctx: BenchStripe,
  sql: Sql,
  options: { levels: Level[]; label: string },
): Promise<WebhookFixture> {
  const length =
    options.levels.reduce((sum, l) => sum + l.amount + 2 * l.connections, 0) + WARM_UP_EVENTS + 50;
  const plan = planStream(length);
  const account = await connectedAccount(ctx, `Bench webhooks ${options.label}`);
  const intents = await succeededIntents(ctx, account, plan.intentsNeeded, INTENT_MINOR);
  const refundIndexes = [...plan.refunded];
  const refundList = await mapLimit(refundIndexes, 8, (i) =>
    ctx.stripe.refunds.create(
      { payment_intent: intents[i]?.id ?? "", amount: REFUND_MINOR, reason: "requested_by_customer" },
      { stripeAccount: account },
    ),
  );
  const refunds = new Map<number, Stripe.Refund>(
    refundIndexes.map((i, k) => [i, refundList[k] as Stripe.Refund]),
  );
  const seller = await insertSeller(sql, {
    email: `bench-webhooks-${options.label}@bench.test`,
    businessName: "Bench Webhooks Ltd",
    accountId: account,
  });
  await insertOpenInvoices(sql, seller, { count: intents.length, intentIds: intents.map((i) => i.id) });
  return { seller, account, stream: buildStream(plan, intents, refunds) };
}

export type TargetName = "app" | "bare-next" | "node-http";

export type WebhookTarget = {
  name: TargetName;
  url: string;
  path: string;
  /** Event ids are evt_<prefix>_<n>: each target records into its own namespace. */
  prefix: string;
  /** The server's pid, for its CPU time per event. */
  pid: number;
};

export type TargetRun = {
  target: WebhookTarget;
  levels: LoadResult[];
  outcomes: Record<string, number>;
  /** Events drawn but not acknowledged with a 200 (cut off at the bound, or answered 5xx) and sent again. */
  redelivered: number;
  /** Stream positions sent. */
  sent: number[];
};

/** Sends one target the stream in order, level after level, tracking which event ids were answered 200. */
export function webhookRunner(target: WebhookTarget, fixture: WebhookFixture) {
  let cursor = 0;
  const acked = new Set<number>();
  const drawn = new Set<number>();
  const sent: number[] = [];
  const outcomes: Record<string, number> = {};
  const levels: LoadResult[] = [];
  let redelivered = 0;
  const specAt = (position: number) =>
    fixture.stream[Math.min(position, fixture.stream.length - 1)] as EventSpec;

  const next = () => {
    const position = cursor++;
    const spec = specAt(position);
    sent.push(Math.min(position, fixture.stream.length - 1));
    drawn.add(spec.eventNo);
    const body = eventBody(spec, { prefix: target.prefix, account: fixture.account });
    return { path: target.path, method: "POST" as const, body, headers: signedHeaders(body), tag: position };
  };
  const onResponse = (status: number, body: string, tag: number | undefined) => {
    if (status !== 200 || tag === undefined) return;
    acked.add(specAt(tag).eventNo);
    try {
      const outcome = String((JSON.parse(body) as { outcome?: unknown }).outcome ?? "none");
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    } catch {
      outcomes.unparsable = (outcomes.unparsable ?? 0) + 1;
    }
  };

  /** Delivers again, one at a time, every drawn event not yet answered 200 (Stripe retries the same way). */
  async function redeliver() {
    const byNo = new Map(fixture.stream.map((s) => [s.eventNo, s]));
    for (const eventNo of drawn) {
      if (acked.has(eventNo)) continue;
      const spec = byNo.get(eventNo) as EventSpec;
      for (let attempt = 0; attempt < 5 && !acked.has(eventNo); attempt++) {
        const body = eventBody(spec, { prefix: target.prefix, account: fixture.account });
        const response = await fetch(new URL(target.path, target.url), {
          method: "POST",
          body,
          headers: signedHeaders(body),
        });
        await response.arrayBuffer();
        if (response.status === 200) acked.add(eventNo);
        else await new Promise((r) => setTimeout(r, 200));
      }
      redelivered++;
    }
  }

  return {
    target,
    async warmUp() {
      await runLoad({
        url: target.url,
        connections: 1,
        amount: WARM_UP_EVENTS,
        maxSeconds: 30,
        next,
        onResponse,
      });
    },
    async level(level: Level) {
      const result = await runLoad({ url: target.url, ...level, next, onResponse, serverPid: target.pid });
      levels.push(result);
      await redeliver();
      return result;
    },
    result(): TargetRun {
      return { target, levels, outcomes, redelivered, sent };
    },
  };
}

/** What the report keeps of a run: not the positions sent (thousands of numbers), only how many. */
export type TargetSummary = Omit<TargetRun, "sent"> & { sentEvents: number };

export function summarizeRun({ sent, ...rest }: TargetRun): TargetSummary {
  return { ...rest, sentEvents: sent.length };
}

export type ExactlyOnceCheck = { check: string; expected: number; actual: number; ok: boolean };

/** What the stream positions sent should have left in the database, every event applied once. */
export function expectedEffects(fixture: WebhookFixture, sent: readonly number[]) {
  const specs = [...new Set(sent)].map((p) => fixture.stream[p] as EventSpec);
  const ids = new Set(specs.map((s) => s.eventNo));
  const succeeded = new Set(specs.flatMap((s) => (s.succeededPi ? [s.succeededPi] : [])));
  const refunds = new Set(specs.flatMap((s) => (s.refundId ? [s.refundId] : [])));
  const mix: Record<EventKind, number> = {
    succeeded: 0,
    duplicate: 0,
    failed_after: 0,
    ignored: 0,
    refund: 0,
  };
  for (const p of sent) mix[(fixture.stream[p] as EventSpec).kind]++;
  return { ids: ids.size, succeeded: succeeded.size, refunds: refunds.size, mix };
}

type Count = { n: string | number };
const num = async (sql: Sql, text: string, params: unknown[]) =>
  Number((await sql.query<Count>(text, params))[0]?.n ?? 0);

/** Checks from the database that every event sent to the app was applied exactly once. */
export async function verifyExactlyOnce(
  sql: Sql,
  fixture: WebhookFixture,
  run: TargetRun,
): Promise<ExactlyOnceCheck[]> {
  const expected = expectedEffects(fixture, run.sent);
  const user = fixture.seller.userId;
  const idLike = `evt_${run.target.prefix}_%`;
  const check = (name: string, want: number, actual: number): ExactlyOnceCheck => ({
    check: name,
    expected: want,
    actual,
    ok: want === actual,
  });
  return [
    check(
      "stripe_events processed = distinct event ids sent",
      expected.ids,
      await num(sql, `select count(*) n from stripe_events where id like $1 and processed_at is not null`, [
        idLike,
      ]),
    ),
    check(
      "stripe_events left unprocessed",
      0,
      await num(sql, `select count(*) n from stripe_events where id like $1 and processed_at is null`, [
        idLike,
      ]),
    ),
    check(
      "payments succeeded = distinct intents with a succeeded event",
      expected.succeeded,
      await num(sql, `select count(*) n from payments where user_id = $1 and status = 'succeeded'`, [user]),
    ),
    check(
      "payments failed (payment_failed after success must not apply)",
      0,
      await num(sql, `select count(*) n from payments where user_id = $1 and status = 'failed'`, [user]),
    ),
    check(
      "audit 'payment.succeeded' rows = succeeded payments",
      expected.succeeded,
      await num(sql, `select count(*) n from audit_log where user_id = $1 and action = 'payment.succeeded'`, [
        user,
      ]),
    ),
    check(
      "invoices paid in full = succeeded payments",
      expected.succeeded,
      await num(
        sql,
        `select count(*) n from invoices where user_id = $1 and status = 'paid' and paid_minor = total_minor`,
        [user],
      ),
    ),
    check(
      "refunds recorded = distinct refunds with an event",
      expected.refunds,
      await num(sql, `select count(*) n from refunds where user_id = $1`, [user]),
    ),
    check(
      "audit 'refund.created' rows = refunds",
      expected.refunds,
      await num(sql, `select count(*) n from audit_log where user_id = $1 and action = 'refund.created'`, [
        user,
      ]),
    ),
    check(
      "Σ invoices.refunded_minor = refunds × amount",
      expected.refunds * REFUND_MINOR,
      await num(sql, `select coalesce(sum(refunded_minor), 0) n from invoices where user_id = $1`, [user]),
    ),
  ];
}

/** The baselines' own tables: events stored once, intents marked succeeded once. */
export async function verifyBaseline(
  sql: Sql,
  fixture: WebhookFixture,
  run: TargetRun,
): Promise<ExactlyOnceCheck[]> {
  const expected = expectedEffects(fixture, run.sent);
  const stored = await num(sql, `select count(*) n from bench_baseline_events where id like $1`, [
    `evt_${run.target.prefix}_%`,
  ]);
  return [
    {
      check: "events stored = distinct ids sent",
      expected: expected.ids,
      actual: stored,
      ok: stored === expected.ids,
    },
  ];
}

/** The baselines' tables, with a row per intent of the fixture (PostgreSQL only). */
export async function prepareBaselineTables(sql: Sql, fixture: WebhookFixture, tablesSql: string) {
  await sql.exec(tablesSql);
  const intents = [...new Set(fixture.stream.flatMap((s) => (s.succeededPi ? [s.succeededPi] : [])))];
  await sql.query(
    `insert into bench_baseline_payments (pi) select value from json_array_elements_text($1::json)
     on conflict do nothing`,
    [intents],
  );
}

export { INTENT_MINOR };
