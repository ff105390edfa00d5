import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { setClock } from "@/lib/clock";
import { DEAD_LETTER_QUEUE } from "@/lib/jobs/engine";
import { jobFigures, retryDeadLetters } from "@/lib/jobs/failed";
import { type JobRunner, REMINDERS_QUEUE, runningJobs, startJobs } from "@/lib/jobs/start";
import { addCustomer, sentInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";

// pg-boss on the file's own database: PGlite through its executeSql adapter, or PostgreSQL.
const h = integrationHarness({ emulator: false });
let runner: JobRunner | undefined;

afterAll(async () => {
  setClock(null);
  await runner?.stop();
});

/** Polls until `check` holds; the engine works on its own timers, so a test can only watch for it. */
async function eventually(check: () => Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("job engine", () => {
  it("creates its schema, runs a reminder pass as a job at the clock's time, and stops gracefully", async () => {
    runner = await startJobs(h.handle, { work: true });
    expect(runningJobs()).toBe(runner);
    expect(await startJobs(h.handle, { work: true })).toBe(runner);

    const user = await h.user();
    const customer = await addCustomer(h.db, user.id, { email: "ap@contoso.test" });
    const { invoiceId } = await sentInvoice(h.db, user, { customerId: customer.id, dueDate: "2031-01-10" });
    setClock(() => new Date("2031-01-10T10:00:00Z"));
    await runner.boss.send(REMINDERS_QUEUE, { queue: REMINDERS_QUEUE });
    await eventually(async () => {
      const rows = await h.db
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(and(eq(emailOutbox.invoiceId, invoiceId), eq(emailOutbox.kind, "invoice_reminder")));
      return rows.length === 1;
    });
    const schedules = await runner.boss.getSchedules();
    expect(schedules.map((s) => s.name)).toContain(REMINDERS_QUEUE);
  });

  it("moves a job that exhausted its retries to the dead letters, counts it, and retries it on request", async () => {
    if (!runner) throw new Error("the engine did not start");
    const { boss } = runner;
    const queue = "test-flaky";
    await boss.createQueue(queue, {
      name: queue,
      retryLimit: 1,
      retryDelay: 0,
      deadLetter: DEAD_LETTER_QUEUE,
    });
    let calls = 0;
    let succeeded = 0;
    await boss.work(queue, { pollingIntervalSeconds: 0.5 }, async () => {
      calls += 1;
      if (calls <= 2) throw new Error("SMTP said no");
      succeeded += 1;
    });
    await boss.send(queue, { queue });
    await eventually(async () => (await boss.getQueueSize(DEAD_LETTER_QUEUE)) === 1);
    expect(calls).toBe(2);
    const figures = await jobFigures();
    expect(figures).toMatchObject({ engine: true, deadLetters: 1 });

    expect(await retryDeadLetters()).toBe(1);
    await eventually(async () => succeeded === 1);
    expect((await jobFigures()).deadLetters).toBe(0);
  });

  it("stops: no engine left in the process", async () => {
    await runner?.stop();
    runner = undefined;
    expect(runningJobs()).toBeUndefined();
    expect(await jobFigures()).toEqual({ engine: false, deadLetters: null, remindersQueued: null });
  });
});
