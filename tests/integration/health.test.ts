import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as liveness } from "@/app/api/health/route";
import { setDatabase } from "@/db";
import { openDatabase } from "@/db/client";
import { recurringSchedules } from "@/db/schema";
import { insertJobsInTransaction } from "@/lib/jobs/in-transaction";
import { DEAD_LETTER_QUEUE, RECURRING_QUEUE, REMINDERS_QUEUE } from "@/lib/jobs/queues";
import { onShutdown, runShutdownSteps } from "@/lib/shutdown";
import { startStripeEventWorkerInProcess } from "@/lib/stripe/webhooks/start";
import { addCustomer, sentInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { readiness, readinessWithToken } from "../support/health";

const h = integrationHarness({ emulator: false });

async function withWorker<T>(body: () => Promise<T>): Promise<T> {
  const worker = startStripeEventWorkerInProcess({ pollMs: 10 * 60_000 });
  try {
    return await body();
  } finally {
    await worker.stop();
  }
}

describe("health", () => {
  it("liveness answers ok without touching anything else", async () => {
    const response = liveness();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("readiness shows the public only ok or not ok; the figures need the configured token", async () => {
    await withWorker(async () => {
      for (const token of [undefined, "", "wrong-token-0123456789abcdef", "Bearer"]) {
        const response = await readiness(token);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ ok: true });
      }
      const response = await readinessWithToken();
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        ok: true,
        shuttingDown: false,
        database: { ok: true, ms: expect.any(Number) },
        workers: { webhookEvents: true, email: "not configured" },
        webhookEvents: { backlog: 0, retrying: 0, failing: 0, dead: 0, overdue: 0, oldestSeconds: 0 },
        emails: { pending: 0, overdue: 0, stuckLeases: 0, failed: 0 },
        recurring: { overdue: 0, live: 0, failedPasses: 0 },
      });
    });
  });

  it("counts recurring schedules overdue to run and recurring passes that gave up", async () => {
    const user = await h.user();
    const customer = await addCustomer(h.db, user.id, { email: "ap@contoso.test" });
    const { invoiceId } = await sentInvoice(h.db, user, { customerId: customer.id });
    const schedule = (nextRunOn: string, status: "active" | "paused") => ({
      userId: user.id,
      templateInvoiceId: invoiceId,
      frequency: "monthly" as const,
      startOn: nextRunOn,
      nextRunOn,
      status,
    });
    // Due long ago and still not run: overdue. Paused, or due in a month: not.
    await h.db
      .insert(recurringSchedules)
      .values([
        schedule("2020-01-01", "active"),
        schedule("2020-01-01", "paused"),
        schedule("2999-01-01", "active"),
      ]);
    const deadLetter = (queue: string) =>
      h.db.transaction((tx) =>
        insertJobsInTransaction(tx, DEAD_LETTER_QUEUE, [{ id: randomUUID(), data: { queue } }]),
      );
    await deadLetter(RECURRING_QUEUE);
    await deadLetter(REMINDERS_QUEUE);
    await withWorker(async () => {
      const body = (await (await readinessWithToken()).json()) as { recurring?: unknown };
      expect(body.recurring).toEqual({ overdue: 1, live: 3, failedPasses: 1 });
    });
  });

  it("is not ready without its webhook worker: events would wait with nobody to apply them", async () => {
    const response = await readinessWithToken();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ok: false, workers: { webhookEvents: false } });
  });

  it("answers 503, not a hang, when the database cannot be reached", async () => {
    const unreachable = openDatabase({
      kind: "postgres",
      url: "postgres://postgres@127.0.0.1:9/none",
      max: 1,
    });
    setDatabase(unreachable);
    try {
      await withWorker(async () => {
        const response = await readiness();
        expect(response.status).toBe(503);
        expect(await response.json()).toEqual({ ok: false });
        const detailed = await (await readinessWithToken()).json();
        expect(detailed).toMatchObject({
          ok: false,
          database: { ok: false, error: expect.stringMatching(/^(unreachable|timeout)$/) },
        });
        expect(detailed).not.toHaveProperty("webhookEvents");
      });
    } finally {
      setDatabase(h.handle);
      await unreachable.close();
    }
  });
});

describe("shutdown", () => {
  it("makes the instance unready from the first signal, while its steps run", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // A step that holds the shutdown open, so that readiness is read in the middle of it (the steps
    // are run directly: the signal handler would exit the test's process afterwards).
    onShutdown({ name: "test step", run: () => held });
    let steps: Promise<void> = Promise.resolve();
    await withWorker(async () => {
      expect((await readiness()).status).toBe(200);
      steps = runShutdownSteps("SIGTERM");
      const response = await readinessWithToken();
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ ok: false, shuttingDown: true, database: { ok: true } });
    });
    release();
    await steps;
  });
});
