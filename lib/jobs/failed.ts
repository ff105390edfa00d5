import "server-only";
import { DEAD_LETTER_QUEUE } from "./engine";
import { REMINDERS_QUEUE, runningJobs } from "./start";

export type JobFigures = {
  /** Whether this process runs the job engine (with JOBS_IN_PROCESS=false it only sends). */
  engine: boolean;
  /** Jobs that exhausted their retries and wait in the dead-letter queue. */
  deadLetters: number | null;
  /** Reminder passes waiting to run (more than a couple: no worker is taking them). */
  remindersQueued: number | null;
};

export async function jobFigures(): Promise<JobFigures> {
  const runner = runningJobs();
  if (!runner) return { engine: false, deadLetters: null, remindersQueued: null };
  const [deadLetters, remindersQueued] = await Promise.all([
    runner.boss.getQueueSize(DEAD_LETTER_QUEUE),
    runner.boss.getQueueSize(REMINDERS_QUEUE),
  ]);
  return { engine: true, deadLetters, remindersQueued };
}

/**
 * Sends every dead letter back to the queue it came from (its data names it), fresh retries and all,
 * and completes the dead letter. Returns how many went back.
 */
export async function retryDeadLetters(limit = 1_000): Promise<number> {
  const runner = runningJobs();
  if (!runner) throw new Error("the job engine is not running in this process");
  const { boss } = runner;
  const jobs = await boss.fetch<{ queue?: unknown }>(DEAD_LETTER_QUEUE, { batchSize: limit });
  let sent = 0;
  for (const job of jobs) {
    const queue = typeof job.data?.queue === "string" ? job.data.queue : null;
    if (queue) {
      await boss.send(queue, job.data as object);
      sent += 1;
    }
    await boss.complete(DEAD_LETTER_QUEUE, job.id);
  }
  return sent;
}
