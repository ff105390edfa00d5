import "server-only";
import type PgBoss from "pg-boss";
import { type DatabaseHandle, getDb } from "@/db";
import { now } from "@/lib/clock";
import { errorContext, logger, withLogContext } from "@/lib/logger";
import { runDueRecurring } from "@/lib/recurring/run";
import { runDueReminders } from "@/lib/reminders/run";
import { createJobEngine, DEAD_LETTER_QUEUE } from "./engine";

export const REMINDERS_QUEUE = "reminders-due";
/** Every minute: a reminder goes out within a minute of its local day beginning. */
const REMINDERS_CRON = "* * * * *";
export const RECURRING_QUEUE = "recurring-due";
/** Every minute too: a recurring invoice is issued within a minute of its local run day beginning. */
const RECURRING_CRON = "* * * * *";

export type JobRunner = { boss: PgBoss; stop(): Promise<void> };

// One engine per process even if start-up code runs twice (Next's dev server reloads modules).
const holder = globalThis as typeof globalThis & { __sixthdeskJobs?: JobRunner };

/** The queues and their retry policy: three retries with exponential backoff, then the dead letters. */
async function createQueues(boss: PgBoss) {
  await boss.createQueue(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE, retentionDays: 30 });
  await boss.createQueue(REMINDERS_QUEUE, {
    name: REMINDERS_QUEUE,
    // One pass at a time across all processes: a second tick waits rather than running alongside.
    policy: "singleton",
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
    deadLetter: DEAD_LETTER_QUEUE,
  });
  await boss.createQueue(RECURRING_QUEUE, {
    name: RECURRING_QUEUE,
    policy: "singleton",
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
    deadLetter: DEAD_LETTER_QUEUE,
  });
}

let stopping = false;

/**
 * Starts pg-boss on the app's database, its queues and schedules, and the workers. `work: false` only
 * keeps the engine for sending and inspecting (an app server whose jobs run in `npm run worker`).
 */
export async function startJobs(handle: DatabaseHandle, options: { work: boolean }): Promise<JobRunner> {
  if (holder.__sixthdeskJobs) return holder.__sixthdeskJobs;
  const boss = createJobEngine(handle, { schedule: options.work });
  await boss.start();
  await createQueues(boss);
  if (options.work) {
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
  }
  stopping = false;
  const runner: JobRunner = {
    boss,
    async stop() {
      stopping = true;
      holder.__sixthdeskJobs = undefined;
      // Graceful: no new fetches, the job in hand finishes (a reminder pass stops between invoices).
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch((error: unknown) => {
        logger.error("job engine did not stop cleanly", errorContext(error));
      });
    },
  };
  holder.__sixthdeskJobs = runner;
  logger.info("job engine started", { database: handle.kind, work: options.work });
  return runner;
}

/** The running engine in this process, if any (readiness and the retry action use it). */
export function runningJobs(): JobRunner | undefined {
  return holder.__sixthdeskJobs;
}
