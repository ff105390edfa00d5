import type { Sql } from "./lib/db";
import type { EventKind, EventSpec } from "./lib/events";
import { REFUND_MINOR, type TargetRun, type WebhookFixture } from "./webhooks";

// What every event sent should have left in the database, and the checks that it did: exactly once.

export type ExactlyOnceCheck = { check: string; expected: number; actual: number; ok: boolean };

/** What the stream positions sent should have left in the database, every event applied once. */
export function expectedEffects(fixture: WebhookFixture, sent: readonly number[]) {
  const specs = [...new Set(sent)].map((p) => fixture.stream[p] as EventSpec);
  const ids = new Set(specs.map((s) => s.eventNo));
  const succeeded = new Set(specs.flatMap((s) => (s.succeededPi ? [s.succeededPi] : [])));
  const refunds = new Set(specs.flatMap((s) => (s.refundId ? [s.refundId] : [])));
  const mix: Record<EventKind, number> = {
    succeeded: 0,
    charge_succeeded: 0,
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
