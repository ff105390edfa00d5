import { sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll } from "vitest";
import { type EmailBatch, runEmailJobs } from "@/lib/email/jobs";
import type { EmailJobData } from "@/lib/email/jobs-queue";
import type { EmailSender } from "@/lib/email/transport";
import { EMAIL_QUEUE } from "@/lib/jobs/queues";
import { type JobRunner, startJobs } from "@/lib/jobs/start";
import type { IntegrationHarness } from "./harness";

/**
 * The email jobs of a test file, worked by hand: an engine that works nothing by itself, and
 * `deliver(offsetMs)`, which does what pg-boss's `work` does (fetch a batch, run it, complete what is
 * still active) until no job is due, as if `offsetMs` had passed. pg-boss times its retries by the
 * database's clock, so moving time means making the retries due by then due now (`start_after`, a second
 * back: pg-boss fetches what started strictly before its statement's `now()`).
 */
export function emailJobs(h: IntegrationHarness) {
  let runner: JobRunner | null = null;
  beforeAll(async () => {
    runner = await startJobs(h.handle, { work: false });
  });
  afterAll(async () => {
    await runner?.stop();
  });
  const boss = (): PgBoss => {
    if (!runner) throw new Error("the engine is read before its beforeAll ran");
    return runner.boss;
  };

  async function deliver(sender: EmailSender, offsetMs = 0): Promise<EmailBatch> {
    const clock = () => new Date(Date.now() + offsetMs);
    if (offsetMs > 0) {
      await h.db.execute(sql`
        update pgboss.job set start_after = now() - interval '1 second'
        where name = ${EMAIL_QUEUE} and state = 'retry'
          and start_after <= now() + ${offsetMs / 1000} * interval '1 second'`);
    }
    const total: EmailBatch = { sent: 0, retry: 0, refused: 0, busy: 0, skipped: 0 };
    for (let round = 0; round < 200; round++) {
      const jobs = await boss().fetch<EmailJobData>(EMAIL_QUEUE, { batchSize: 50 });
      if (jobs.length === 0) return total;
      const batch = await runEmailJobs(boss(), h.db, jobs, { sender, clock });
      await boss().complete(
        EMAIL_QUEUE,
        jobs.map((job) => job.id),
      );
      for (const key of Object.keys(total) as (keyof EmailBatch)[]) total[key] += batch[key];
    }
    throw new Error("the email queue never ran dry");
  }

  return { boss, deliver };
}
