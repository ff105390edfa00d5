// `node --import tsx --conditions=react-server bench/jobs-vs-inbox.ts [count]`: the per-item cost of the
// two queues SixthDesk could run webhook events on, with no-op work, on one PostgreSQL (TEST_DATABASE_URL's
// server, a fresh database): the `stripe_events` inbox (its claim: SELECT … FOR UPDATE SKIP LOCKED + a
// leasing UPDATE per batch of 20, then one UPDATE per event marking it processed) against pg-boss 10
// (fetch a batch of 20, complete it; and as `work()` with batchSize 1 runs it, fetch one, complete one).
// Also the cost of queuing: the route's one INSERT per event, a pg-boss send, and both in one
// transaction (what moving webhook processing onto pg-boss while keeping the table would cost).
// Prints a Markdown table (docs/decisions/0018 and bench/README.md quote it). Never part of `npm test`.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { claimDueEventsForWorker, markEventProcessedIfUnprocessed } from "@/db/queries/stripe-events";
import { stripeEvents } from "@/db/schema";
import { insertJobsInTransaction } from "@/lib/jobs/in-transaction";

const BATCH = 20;
// About the size of a payment_intent.succeeded event's body.
const PAYLOAD = { object: "event", data: { object: { id: "pi_x", metadata: { pad: "x".repeat(900) } } } };

type Row = {
  what: string;
  concurrency: number | string;
  seconds: number;
  perSecond: number;
  usPerItem: number;
};
const rows: Row[] = [];

function record(what: string, concurrency: number | string, count: number, ms: number) {
  const seconds = ms / 1000;
  rows.push({
    what,
    concurrency,
    seconds,
    perSecond: Math.round(count / seconds),
    usPerItem: Math.round((ms * 1000) / count),
  });
  console.error(`${what} ×${concurrency}: ${Math.round(count / seconds)}/s`);
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function main() {
  const count = Number(process.argv[2] ?? 5_000);
  const admin = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `sixthdesk_bench_queues_${randomBytes(3).toString("hex")}`;
  const adminSql = postgres(admin, { max: 1, onnotice: () => {} });
  await adminSql.unsafe(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const handle = openDatabase({ kind: "postgres", url: url.toString(), max: 8 });
  const boss = new PgBoss({ connectionString: url.toString(), max: 8, supervise: false, schedule: false });
  boss.on("error", (error) => console.error(error));
  try {
    await handle.migrate();
    await boss.start();
    const { db } = handle;
    let queueNo = 0;
    const newQueue = async () => {
      const queue = `bench-${queueNo++}`;
      await boss.createQueue(queue, { name: queue, retryLimit: 3, retryDelay: 10, retryBackoff: true });
      return queue;
    };
    const clearInbox = () => db.delete(stripeEvents);
    const eventRow = (i: number, now: Date) => ({
      id: `evt_${i}_${randomBytes(4).toString("hex")}`,
      type: "payment_intent.succeeded",
      account: "acct_bench",
      stripeCreatedAt: now,
      payload: PAYLOAD,
      receivedAt: now,
      nextAttemptAt: now,
    });

    // ── Queuing, one item per statement, as the webhook route stores one event per request ──
    await clearInbox();
    record(
      "queue: INSERT into stripe_events",
      1,
      count,
      await timed(async () => {
        for (let i = 0; i < count; i++) await db.insert(stripeEvents).values(eventRow(i, new Date()));
      }),
    );
    const sendQueue = await newQueue();
    record(
      "queue: pg-boss send",
      1,
      count,
      await timed(async () => {
        for (let i = 0; i < count; i++) await boss.send(sendQueue, { eventId: `evt_${i}` });
      }),
    );
    await clearInbox();
    const bothQueue = await newQueue();
    record(
      "queue: INSERT + pg-boss job, one transaction",
      1,
      count,
      await timed(async () => {
        for (let i = 0; i < count; i++) {
          await db.transaction(async (tx) => {
            const row = eventRow(i, new Date());
            await tx.insert(stripeEvents).values(row);
            await insertJobsInTransaction(tx, bothQueue, [
              { id: crypto.randomUUID(), data: { eventId: row.id } },
            ]);
          });
        }
      }),
    );

    // ── Claiming and completing no-op items, by 1 and 4 workers at once ──
    for (const concurrency of [1, 4]) {
      await clearInbox();
      await db.execute(sql`
        insert into stripe_events (id, type, account, stripe_created_at, payload, received_at, next_attempt_at)
        select 'evt_' || n || '_' || md5(random()::text), 'payment_intent.succeeded', 'acct_bench', now(),
          ${JSON.stringify(PAYLOAD)}::jsonb, now(), now() - interval '1 second'
        from generate_series(1, ${count}) as n`);
      record(
        "drain: stripe_events claim (20) + mark each",
        concurrency,
        count,
        await timed(async () => {
          await Promise.all(
            Array.from({ length: concurrency }, async () => {
              for (;;) {
                const claims = await claimDueEventsForWorker(db, {
                  now: new Date(),
                  limit: BATCH,
                  leaseMs: 120_000,
                });
                if (claims.length === 0) return;
                for (const claim of claims)
                  await markEventProcessedIfUnprocessed(db, { eventId: claim.id, at: new Date() });
              }
            }),
          );
        }),
      );
      const [left] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(stripeEvents)
        .where(sql`processed_at is null`);
      if (Number(left?.n) !== 0) throw new Error(`${left?.n} events left unprocessed`);

      for (const [label, batchSize, completeEach] of [
        ["drain: pg-boss fetch (20) + complete batch", BATCH, false],
        ["drain: pg-boss fetch (20) + complete each", BATCH, true],
        ["drain: pg-boss fetch (1) + complete (work() default)", 1, true],
      ] as const) {
        const queue = await newQueue();
        for (let i = 0; i < count; i += 1_000) {
          await boss.insert(
            Array.from({ length: Math.min(1_000, count - i) }, (_, k) => ({
              name: queue,
              data: { eventId: `evt_${i + k}` },
            })),
          );
        }
        let completed = 0;
        record(
          label,
          concurrency,
          count,
          await timed(async () => {
            await Promise.all(
              Array.from({ length: concurrency }, async () => {
                for (;;) {
                  const jobs = await boss.fetch(queue, { batchSize });
                  if (jobs.length === 0) return;
                  if (completeEach) for (const job of jobs) await boss.complete(queue, job.id);
                  else
                    await boss.complete(
                      queue,
                      jobs.map((job) => job.id),
                    );
                  completed += jobs.length;
                }
              }),
            );
          }),
        );
        if (completed !== count) throw new Error(`${label}: ${completed} of ${count} completed`);
      }
    }

    const load = (await import("node:os")).loadavg()[0]?.toFixed(2);
    console.log(`\n${count} no-op items, PostgreSQL, 1-minute load average at the end ${load}\n`);
    console.log("| what | workers | items/s | µs per item (wall) |");
    console.log("|---|---|---|---|");
    for (const r of rows) console.log(`| ${r.what} | ${r.concurrency} | ${r.perSecond} | ${r.usPerItem} |`);
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    await handle.close();
    await adminSql.unsafe(`drop database if exists ${name} with (force)`);
    await adminSql.end();
  }
}

await main();
