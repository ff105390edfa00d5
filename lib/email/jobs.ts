import "server-only";
import type PgBoss from "pg-boss";
import type { Database } from "@/db";
import {
  claimEmailForJob,
  isEmailLeasedToJob,
  markEmailFailedForWorker,
  markEmailRetryForWorker,
  markEmailSentForWorker,
} from "@/db/queries/email-outbox";
import type { OutboxEmail } from "@/db/schema";
import { now } from "@/lib/clock";
import { attachmentsFor } from "@/lib/documents/attachments";
import { logger, withLogContext } from "@/lib/logger";
import type { EmailJobData } from "./jobs-queue";
import { classifySmtpError, retryDelayMs, shouldGiveUp } from "./retry";
import type { EmailSender } from "./transport";

/** Longer than the transport's worst case (connect + greeting + socket timeouts), so a live send keeps its row. */
export const LEASE_MS = 2 * 60_000;

/**
 * What one job did with its email. `retry` and `busy` fail the job so that pg-boss tries again with its
 * backoff; the others complete it.
 * - sent: delivered, the row marked sent.
 * - retry: a temporary failure; the row is pending again with the error (or failed on the last attempt).
 * - refused: a permanent refusal; the row is failed with the server's reason.
 * - busy: another worker's attempt holds the row's lease (this job was expired and retried meanwhile).
 * - skipped: nothing to send: the row was sent or failed, or belongs to another job (a stale duplicate).
 */
export type EmailJobOutcome = "sent" | "retry" | "refused" | "busy" | "skipped";

type SendOptions = { sender: EmailSender; clock?: () => Date };

async function attempt(db: Database, claim: OutboxEmail, options: SendOptions & { clock: () => Date }) {
  try {
    await options.sender.send(claim, await attachmentsFor(db, claim));
  } catch (error) {
    const failure = classifySmtpError(error);
    const context = {
      emailId: claim.id,
      kind: claim.kind,
      attempts: claim.attempts,
      code: failure.code,
      responseCode: failure.responseCode,
    };
    const description = [failure.responseCode, failure.message].filter(Boolean).join(" ");
    if (shouldGiveUp(failure, claim.attempts)) {
      logger.error("email delivery failed for good", context);
      await markEmailFailedForWorker(db, { claim, error: description });
      return { outcome: failure.permanent ? "refused" : "retry", error: description } as const;
    }
    logger.warn("email delivery failed; will retry", context);
    // pg-boss waits retryDelay × 2^(n−1) × (1 to 2) before retry n: the row shows the latest moment.
    const retryAt = new Date(options.clock().getTime() + 2 * retryDelayMs(claim.attempts));
    await markEmailRetryForWorker(db, { claim, retryAt, error: description });
    return { outcome: "retry", error: description } as const;
  }
  await markEmailSentForWorker(db, { claim, at: options.clock() });
  logger.info("email sent", { emailId: claim.id, kind: claim.kind, attempts: claim.attempts });
  return { outcome: "sent" } as const;
}

/**
 * One email job: claims its row (a guarded update, so two workers or a duplicate job never both send),
 * sends it outside any transaction (a slow SMTP server must not hold locks or, on PGlite, the only
 * connection) and records the outcome on the row, guarded by the attempt. A worker killed mid-send
 * leaves the row leased: pg-boss expires the job, and its retry takes the row back once the lease ends.
 */
export async function runEmailJob(
  db: Database,
  job: Pick<PgBoss.Job<EmailJobData>, "id" | "data">,
  options: SendOptions,
): Promise<{ outcome: EmailJobOutcome; error?: string }> {
  const clock = options.clock ?? now;
  const emailId = job.data?.emailId;
  if (typeof emailId !== "string") return { outcome: "skipped" };
  const claim = await claimEmailForJob(db, { emailId, jobId: job.id, now: clock(), leaseMs: LEASE_MS });
  if (!claim) {
    return (await isEmailLeasedToJob(db, { emailId, jobId: job.id, now: clock() }))
      ? { outcome: "busy", error: "another worker is sending this email" }
      : { outcome: "skipped" };
  }
  return attempt(db, claim, { ...options, clock });
}

export type EmailBatch = Record<EmailJobOutcome, number>;

/**
 * A batch of email jobs, sent side by side. Jobs to try again are failed here, one by one, with their
 * error (pg-boss retries them with backoff, or ends them failed after the last retry); the rest are
 * completed by the caller (pg-boss's `work` completes what is still active when the handler returns).
 */
export async function runEmailJobs(
  boss: PgBoss,
  db: Database,
  jobs: Pick<PgBoss.Job<EmailJobData>, "id" | "name" | "data">[],
  options: SendOptions,
): Promise<EmailBatch> {
  const batch: EmailBatch = { sent: 0, retry: 0, refused: 0, busy: 0, skipped: 0 };
  await Promise.all(
    jobs.map(async (job) => {
      const result = await withLogContext({ job: job.name, jobId: job.id, emailId: job.data?.emailId }, () =>
        runEmailJob(db, job, options),
      );
      batch[result.outcome] += 1;
      if (result.outcome === "retry" || result.outcome === "busy")
        await boss.fail(job.name, job.id, { message: result.error ?? result.outcome });
    }),
  );
  return batch;
}
