import "server-only";
import type { Database } from "@/db";
import {
  claimDueEmailsForWorker,
  markEmailFailedForWorker,
  markEmailRetryForWorker,
  markEmailSentForWorker,
  releaseEmailClaimsForWorker,
} from "@/db/queries/email-outbox";
import type { OutboxEmail } from "@/db/schema";
import { retryWhileUnavailable } from "@/lib/db-retry";
import { attachmentsFor } from "@/lib/documents/attachments";
import { errorContext, logger, requestIdFrom, withLogContext } from "@/lib/logger";
import { createNap } from "@/lib/nap";
import { classifySmtpError, retryDelayMs, shouldGiveUp } from "./retry";
import type { EmailSender } from "./transport";

/** Longer than the transport's worst case (connect + greeting + socket timeouts), so a live send keeps its row. */
export const LEASE_MS = 2 * 60_000;

export type WorkerPass = { claimed: number; sent: number; retried: number; failed: number };

type PassOptions = {
  sender: EmailSender;
  clock?: () => Date;
  batchSize?: number;
  /** True once the worker is stopping: the claims not sent yet are handed back at once. */
  stopping?: () => boolean;
};

async function deliverOne(db: Database, claim: OutboxEmail, options: PassOptions & { clock: () => Date }) {
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
      return "failed" as const;
    }
    logger.warn("email delivery failed; will retry", context);
    const retryAt = new Date(options.clock().getTime() + retryDelayMs(claim.attempts));
    await markEmailRetryForWorker(db, { claim, retryAt, error: description });
    return "retried" as const;
  }
  await markEmailSentForWorker(db, { claim, at: options.clock() });
  logger.info("email sent", { emailId: claim.id, kind: claim.kind, attempts: claim.attempts });
  return "sent" as const;
}

/**
 * One pass of the worker: claims the emails that are due and sends each outside any transaction (a slow
 * SMTP server must not hold locks or, on PGlite, the only connection). Returns what happened.
 */
export async function deliverDueEmails(db: Database, options: PassOptions): Promise<WorkerPass> {
  const clock = options.clock ?? (() => new Date());
  const claims = await claimDueEmailsForWorker(db, {
    now: clock(),
    limit: options.batchSize ?? 10,
    leaseMs: LEASE_MS,
  });
  const pass: WorkerPass = { claimed: claims.length, sent: 0, retried: 0, failed: 0 };
  for (const [index, claim] of claims.entries()) {
    if (options.stopping?.()) {
      // Not waited out: another worker (or the next start) sends them straight away.
      await retryWhileUnavailable(() =>
        releaseEmailClaimsForWorker(db, { claims: claims.slice(index), now: clock() }),
      );
      break;
    }
    const outcome = await withLogContext(
      { requestId: requestIdFrom(), job: "email", emailId: claim.id },
      () => deliverOne(db, claim, { ...options, clock }),
    );
    pass[outcome] += 1;
  }
  return pass;
}

export type EmailWorker = { stop(): Promise<void> };

/**
 * Runs passes until stopped: straight away while a pass found a full batch, otherwise after `pollMs`.
 * Errors (the database gone, a bug) are logged and the loop carries on; it never throws into its host,
 * and its timer does not keep the process alive.
 */
export function startEmailWorker(options: {
  getDb: () => Database;
  sender: EmailSender;
  pollMs: number;
  batchSize?: number;
}): EmailWorker {
  const batchSize = options.batchSize ?? 10;
  let stopped = false;
  const nap = createNap();

  const running = (async () => {
    while (!stopped) {
      let full = false;
      try {
        const pass = await deliverDueEmails(options.getDb(), {
          sender: options.sender,
          batchSize,
          stopping: () => stopped,
        });
        full = pass.claimed === batchSize;
      } catch (error) {
        logger.error("email worker pass failed", errorContext(error));
      }
      if (!stopped && !full) await nap.sleep(options.pollMs);
    }
  })();

  return {
    async stop() {
      stopped = true;
      nap.wake();
      await running;
      options.sender.close();
    },
  };
}
