import "server-only";
import type { Database } from "@/db";
import { requeueFailedEmails } from "@/db/queries/email-outbox";
import { withTransaction } from "@/db/transaction";
import { queueEmailJobs } from "./jobs-queue";

/**
 * Sends failed emails again with fresh attempts: one (`emailId`), a User's (`userId`, always given by
 * the app) or all (the retry script). Each gets a new job in the same transaction. Returns their ids.
 */
export async function retryFailedEmails(
  db: Database,
  params: { userId?: string; emailId?: string; now: Date },
): Promise<string[]> {
  return withTransaction(db, async (tx) => {
    const rows = await requeueFailedEmails(tx, params);
    await queueEmailJobs(tx, rows);
    return rows.map((row) => row.id);
  });
}
