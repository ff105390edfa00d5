import "server-only";
import type { Database } from "@/db";
import { insertJobsInTransaction } from "@/lib/jobs/in-transaction";
import { EMAIL_QUEUE } from "@/lib/jobs/queues";

/** What an email job carries: the outbox row to send. Everything else is read from the row. */
export type EmailJobData = { emailId: string };

/**
 * Queues the sending job of each outbox row, in `tx` (a transaction that also wrote or re-armed the rows:
 * both commit or neither). The job's id is the row's `job_id`; the email id is its singleton key, which
 * names it in pg-boss's tables.
 */
export async function queueEmailJobs(
  tx: Database,
  emails: { id: string; jobId: string | null }[],
): Promise<void> {
  const jobs = emails.flatMap((email) =>
    email.jobId
      ? [{ id: email.jobId, data: { emailId: email.id } satisfies EmailJobData, singletonKey: email.id }]
      : [],
  );
  await insertJobsInTransaction(tx, EMAIL_QUEUE, jobs);
}
