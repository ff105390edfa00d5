import "server-only";
import type { Database } from "@/db";
import { listEmailsWithoutLiveJobForRelay, rearmEmailForRelay } from "@/db/queries/email-outbox";
import { EMAIL_QUEUE } from "@/lib/jobs/queues";
import { logger } from "@/lib/logger";
import { queueEmailJobs } from "./jobs-queue";
import { MAX_ATTEMPTS } from "./retry";

/** How long past due a row without a live job waits before the relay steps in (a job may be starting). */
export const RELAY_GRACE_MS = 2 * 60_000;

/**
 * The safety net under the email jobs, run every minute (queue `email-relay`). Every email is written
 * with its job in one transaction, so this finds rows only when their job is gone: rows from before
 * sending moved onto the job engine, a worker killed during the last attempt (its job expired for good
 * with the row still leased), or a database whose queue was missing. Each such row gets a new job in the
 * same transaction as its new job id — or, with its attempts used up, is marked failed for the seller.
 */
export async function relayEmailsWithoutJob(
  db: Database,
  options: { now: Date; limit?: number },
): Promise<{ requeued: number; failed: number }> {
  const rows = await listEmailsWithoutLiveJobForRelay(db, {
    queue: EMAIL_QUEUE,
    now: options.now,
    graceMs: RELAY_GRACE_MS,
    limit: options.limit ?? 500,
  });
  const result = { requeued: 0, failed: 0 };
  for (const row of rows) {
    const giveUp = row.attempts >= MAX_ATTEMPTS;
    await db.transaction(async (tx) => {
      const rearmed = await rearmEmailForRelay(tx, {
        emailId: row.id,
        jobId: row.jobId,
        now: options.now,
        giveUp,
      });
      if (rearmed) await queueEmailJobs(tx, [rearmed]);
    });
    result[giveUp ? "failed" : "requeued"] += 1;
  }
  if (rows.length > 0) logger.warn("emails without a live job relayed", result);
  return result;
}
