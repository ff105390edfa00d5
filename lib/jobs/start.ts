import "server-only";
import type PgBoss from "pg-boss";
import { type DatabaseHandle, getDb } from "@/db";
import { now } from "@/lib/clock";
import { runEmailJobs } from "@/lib/email/jobs";
import type { EmailJobData } from "@/lib/email/jobs-queue";
import { relayEmailsWithoutJob } from "@/lib/email/relay";
import type { EmailSender } from "@/lib/email/transport";
import { errorContext, logger, withLogContext } from "@/lib/logger";
import { cancelStrandedPaymentIntents } from "@/lib/payments/stranded";
import { runDueRecurring } from "@/lib/recurring/run";
import { runDueReminders } from "@/lib/reminders/run";
import { createJobEngine } from "./engine";
import {
  createQueues,
  EMAIL_QUEUE,
  EMAIL_RELAY_QUEUE,
  RECURRING_QUEUE,
  REMINDERS_QUEUE,
  STRANDED_INTENTS_QUEUE,
} from "./queues";

export { EMAIL_QUEUE, RECURRING_QUEUE, REMINDERS_QUEUE } from "./queues";

/** Every minute: a reminder goes out within a minute of its local day beginning. */
const REMINDERS_CRON = "* * * * *";
/** Every minute too: a recurring invoice is issued within a minute of its local run day beginning. */
const RECURRING_CRON = "* * * * *";
const EMAIL_RELAY_CRON = "* * * * *";
// A failed cancel leaves money at risk only until a Customer opens the old page and pays: minutes matter,
// seconds do not, and each pass spends Stripe requests.
const STRANDED_INTENTS_CRON = "*/5 * * * *";
/** Emails taken per fetch and sent side by side; a full batch fetches again at once. */
const EMAIL_BATCH = 5;

export type JobRunner = {
  boss: PgBoss;
  /** Whether this process sends emails (it works jobs and SMTP is configured). */
  sendsEmail: boolean;
  stop(): Promise<void>;
};

// One engine per process even if start-up code runs twice (Next's dev server reloads modules).
const holder = globalThis as typeof globalThis & { __sixthdeskJobs?: JobRunner };

let stopping = false;

async function workScheduledPasses(boss: PgBoss) {
  await boss.schedule(REMINDERS_QUEUE, REMINDERS_CRON, { queue: REMINDERS_QUEUE }, { tz: "UTC" });
  await boss.work(REMINDERS_QUEUE, { pollingIntervalSeconds: 5 }, async ([job]) =>
    withLogContext({ job: REMINDERS_QUEUE, jobId: job?.id ?? "" }, () =>
      runDueReminders(getDb(), { now: now(), stopping: () => stopping }),
    ),
  );
  await boss.schedule(RECURRING_QUEUE, RECURRING_CRON, { queue: RECURRING_QUEUE }, { tz: "UTC" });
  await boss.work(RECURRING_QUEUE, { pollingIntervalSeconds: 5 }, async ([job]) =>
    withLogContext({ job: RECURRING_QUEUE, jobId: job?.id ?? "" }, () =>
      runDueRecurring(getDb(), { now: now(), stopping: () => stopping }),
    ),
  );
  await boss.schedule(
    STRANDED_INTENTS_QUEUE,
    STRANDED_INTENTS_CRON,
    { queue: STRANDED_INTENTS_QUEUE },
    { tz: "UTC" },
  );
  await boss.work(STRANDED_INTENTS_QUEUE, { pollingIntervalSeconds: 30 }, async ([job]) => {
    await withLogContext({ job: STRANDED_INTENTS_QUEUE, jobId: job?.id ?? "" }, () =>
      cancelStrandedPaymentIntents(getDb()),
    );
  });
}

async function workEmails(boss: PgBoss, sender: EmailSender) {
  let workerId = "";
  workerId = await boss.work<EmailJobData>(
    EMAIL_QUEUE,
    { batchSize: EMAIL_BATCH, pollingIntervalSeconds: 2 },
    async (jobs) => {
      await runEmailJobs(boss, getDb(), jobs, { sender });
      // A full batch: more are probably waiting, so fetch again at once instead of after the interval.
      if (jobs.length === EMAIL_BATCH && !stopping) boss.notifyWorker(workerId);
    },
  );
  await boss.schedule(EMAIL_RELAY_QUEUE, EMAIL_RELAY_CRON, { queue: EMAIL_RELAY_QUEUE }, { tz: "UTC" });
  await boss.work(EMAIL_RELAY_QUEUE, { pollingIntervalSeconds: 5 }, async ([job]) => {
    await withLogContext({ job: EMAIL_RELAY_QUEUE, jobId: job?.id ?? "" }, () =>
      relayEmailsWithoutJob(getDb(), { now: now() }),
    );
  });
}

/**
 * Starts pg-boss on the app's database, its queues and schedules, and the workers: the scheduled passes,
 * and email sending when a `sender` is given (SMTP_URL is set). `work: false` only keeps the engine for
 * inspecting and retrying (an app server whose jobs run in `npm run worker`, the retry script).
 */
export async function startJobs(
  handle: DatabaseHandle,
  options: { work: boolean; sender?: EmailSender | null },
): Promise<JobRunner> {
  if (holder.__sixthdeskJobs) return holder.__sixthdeskJobs;
  const boss = createJobEngine(handle, { schedule: options.work });
  await boss.start();
  await createQueues(boss);
  const sender = options.work ? (options.sender ?? null) : null;
  if (options.work) await workScheduledPasses(boss);
  if (sender) await workEmails(boss, sender);
  stopping = false;
  const runner: JobRunner = {
    boss,
    sendsEmail: sender !== null,
    async stop() {
      stopping = true;
      holder.__sixthdeskJobs = undefined;
      // Graceful: no new fetches, the jobs in hand finish (a reminder pass stops between invoices, an
      // email batch finishes its sends); what is still active at the timeout is failed and retried.
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch((error: unknown) => {
        logger.error("job engine did not stop cleanly", errorContext(error));
      });
      sender?.close();
    },
  };
  holder.__sixthdeskJobs = runner;
  logger.info("job engine started", { database: handle.kind, work: options.work, email: runner.sendsEmail });
  return runner;
}

/** The running engine in this process, if any (readiness and the retry action use it). */
export function runningJobs(): JobRunner | undefined {
  return holder.__sixthdeskJobs;
}
