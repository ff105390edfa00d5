import postgres from "postgres";
import Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { EMULATOR_SECRET_KEY, EMULATOR_WEBHOOK_SECRET } from "@/emulator";
import { customerPays } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { INSTANCE_SECRETS, type Instance, startInstance } from "./support/instances";

// Two app processes on one PostgreSQL under a storm of signed deliveries (shuffled, a third of them
// twice), while every app connection to the database is terminated again and again and one instance is
// stopped (SIGTERM, as a deploy does) and started again. Nothing acknowledged may be lost, nothing
// applied twice, no driver error may escape, the pools must heal by themselves, and no secret may reach
// the logs.
const h = integrationHarness();
const INVOICES = 90;
const running: Instance[] = [];

afterAll(async () => {
  if (process.env.STORM_LOG_DIR) {
    // For a failure's post-mortem: each instance's whole log.
    const { writeFileSync } = await import("node:fs");
    for (const [i, r] of running.entries())
      writeFileSync(`${process.env.STORM_LOG_DIR}/${i}-${r.name}.log`, r.log.join(""));
    const diag = postgres(h.handle.url ?? "", { max: 1, onnotice: () => {} });
    const left =
      await diag`select id, attempts, next_attempt_at, received_at, last_error from stripe_events where processed_at is null`;
    const activity =
      await diag`select pid, application_name, state, wait_event_type, wait_event, left(query, 120) as query, now() - xact_start as xact_age, now() - state_change as state_age from pg_stat_activity where datname = current_database()`;
    writeFileSync(
      `${process.env.STORM_LOG_DIR}/unprocessed.json`,
      JSON.stringify({ left, activity }, null, 1),
    );
    await diag.end();
  }
  for (const instance of running) if (instance.child.exitCode === null) instance.child.kill("SIGKILL");
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Posts one signed delivery until some instance acknowledges it, as Stripe retries (to any instance). */
async function deliver(body: string, pick: () => Instance): Promise<number> {
  for (let attempt = 1; attempt <= 200; attempt++) {
    const instance = pick();
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: EMULATOR_WEBHOOK_SECRET,
    });
    const status = await fetch(`${instance.url}/api/webhooks/stripe`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
      body,
      signal: AbortSignal.timeout(10_000),
    }).then(
      (r) => r.status,
      () => 0,
    );
    if (status >= 200 && status < 300) return attempt;
    await sleep(50);
  }
  throw new Error("a delivery was never acknowledged");
}

describe("two instances under a storm with database faults", () => {
  it("lose nothing, apply nothing twice, heal by themselves and log no secret", async () => {
    const databaseUrl = h.handle.url;
    if (!databaseUrl) throw new Error("the harness's PostgreSQL database has no URL");
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const logA: string[] = [];
      const logB: string[] = [];
      const start = (name: string, log: string[]) =>
        startInstance({ name, databaseUrl, emulatorUrl: h.emulator.url, log });
      let [a, b] = await Promise.all([start("A", logA), start("B", logB)]);
      running.push(a, b);

      // The money: one seller, INVOICES invoices paid on Stripe, the payment_intent.succeeded and
      // charge.succeeded events of each (either may come first and reach either instance).
      const seller = await h.seller();
      const paid: { invoiceId: string; bodies: string[]; clientSecret: string }[] = [];
      for (let i = 0; i < INVOICES; i++) {
        const invoice = await h.sentInvoice(seller.user);
        const { event, charge, paymentIntentId } = await customerPays(h.db, h.emulator, {
          token: invoice.token,
          accountId: seller.accountId,
        });
        const intent = await h.stripe.paymentIntents.retrieve(
          paymentIntentId,
          {},
          { stripeAccount: seller.accountId },
        );
        paid.push({
          invoiceId: invoice.invoiceId,
          bodies: [JSON.stringify(event), JSON.stringify(charge)],
          clientSecret: intent.client_secret ?? "",
        });
      }
      const deliveries = shuffled([...paid, ...paid.filter((_, i) => i % 3 === 0)].flatMap((p) => p.bodies));

      // Faults: every app connection terminated every 300 ms while the storm lasts.
      let storming = true;
      let terminations = 0;
      const terminator = (async () => {
        while (storming) {
          const killed = await admin<{ pid: number }[]>`
            select pg_terminate_backend(pid) as pid from pg_stat_activity
            where datname = current_database() and application_name = 'sixthdesk' and pid <> pg_backend_pid()`;
          terminations += killed.length;
          await sleep(300);
        }
      })();

      // The storm, paced so that the restart falls in its middle: 4 senders, any live instance.
      const live = () => [a, b].filter((x) => x.child.exitCode === null && !x.child.killed);
      const pick = () => {
        const choices = live();
        return choices[Math.floor(Math.random() * choices.length)] ?? b;
      };
      let next = 0;
      const senders = Array.from({ length: 4 }, async () => {
        while (next < deliveries.length) {
          const body = deliveries[next++];
          if (body) await deliver(body, pick);
          await sleep(40);
        }
      });
      // A third of the way in, A is stopped as a deploy stops it, then started again.
      while (next < deliveries.length / 3) await sleep(20);
      a.child.kill("SIGTERM");
      const exitCode = await a.exited;
      a = await start("A again", logA);
      running.push(a);
      await Promise.all(senders);
      storming = false;
      await terminator;
      expect(terminations).toBeGreaterThan(0);
      // A stopped gracefully: its steps ran (workers stopped, claims handed back) and it exited by itself.
      expect(exitCode).toBe(0);
      expect(logA.join("")).toContain('"message":"shutting down"');

      // The pools heal by themselves: both instances ready again without a restart.
      for (const instance of [a, b]) {
        await expect
          .poll(async () => (await instance.ready().catch(() => null))?.status, {
            timeout: 15_000,
            interval: 200,
          })
          .toBe(200);
      }
      // Everything acknowledged is applied (failed attempts retry within seconds: 10 s, then 20 s).
      await expect
        .poll(
          async () =>
            (await admin`select count(*)::int as n from stripe_events where processed_at is null`)[0]?.n,
          { timeout: 40_000, interval: 500 },
        )
        .toBe(0);

      // Nothing lost, nothing doubled: every invoice paid once, one payment and one history entry each.
      const invoices = await admin<{ id: string; status: string; paid_minor: string }[]>`
        select id, status, paid_minor::text from invoices where user_id = ${seller.user.id}`;
      expect(invoices).toHaveLength(INVOICES);
      for (const invoice of invoices) expect([invoice.status, invoice.paid_minor]).toEqual(["paid", "12000"]);
      const payments = await admin<{ invoice_id: string; n: number }[]>`
        select invoice_id, count(*)::int as n from payments
        where user_id = ${seller.user.id} and status = 'succeeded' group by invoice_id`;
      expect(payments.map((p) => p.n)).toEqual(Array(INVOICES).fill(1));
      const [history] = await admin<{ n: number }[]>`
        select count(*)::int as n from audit_log where user_id = ${seller.user.id} and action = 'payment.succeeded'`;
      expect(history?.n).toBe(INVOICES);
      const [events] = await admin<{ n: number }[]>`select count(*)::int as n from stripe_events`;
      expect(events?.n).toBe(2 * INVOICES);

      // Both instances are still up, and no driver error escaped as an uncaught exception.
      expect(b.child.exitCode).toBeNull();
      expect(a.child.exitCode).toBeNull();
      const logs = [...logA, ...logB].join("");
      expect(logs).not.toMatch(/UNCAUGHT|UNHANDLED|reading 'write'/);
      // Every line written while handling a delivery or applying an event names its request or job.
      const lines = logs
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const scoped = lines.filter((l) =>
        ["webhook event failed; will retry", "webhook event could not be stored", "email queued"].includes(
          String(l.message),
        ),
      );
      expect(scoped.length).toBeGreaterThan(0);
      // (A scheduled pass of the job engine, such as reminders queuing an email, names its job instead.)
      for (const line of scoped) {
        expect(line.requestId ?? line.jobId, JSON.stringify(line)).toEqual(expect.any(String));
      }
      // No secret in the logs: client secrets, the customers' addresses, keys, signing secret, tokens.
      const secrets = [
        ...paid.map((p) => p.clientSecret),
        "buyer@example.test",
        seller.user.email,
        EMULATOR_SECRET_KEY,
        EMULATOR_WEBHOOK_SECRET,
        INSTANCE_SECRETS.AUTH_SECRET,
        INSTANCE_SECRETS.HEALTH_TOKEN,
      ];
      for (const secret of secrets) expect(secret && logs.includes(secret) ? secret : null).toBeNull();
      expect(logs).not.toMatch(/_secret_[A-Za-z0-9]/);

      a.child.kill("SIGTERM");
      b.child.kill("SIGTERM");
      expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
    } finally {
      await admin.end({ timeout: 1 });
    }
  });
});
