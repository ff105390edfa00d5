import "server-only";
import { getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { createSmtpSender } from "./transport";
import { type EmailWorker, startEmailWorker } from "./worker";

// One worker per process even if start-up code runs twice (Next's dev server reloads modules).
const holder = globalThis as typeof globalThis & { __sixthdeskEmailWorker?: EmailWorker };

/**
 * Starts the outbox worker when SMTP_URL is set. Without it nothing is sent: emails stay in the outbox
 * and the development mailbox shows them. Returns null in that case.
 */
export function startEmailWorkerFromEnv(options: { pollMs?: number } = {}): EmailWorker | null {
  const env = getEnv();
  if (!env.SMTP_URL) {
    logger.info("email: SMTP_URL is not set; emails stay in the outbox (development mailbox)");
    return null;
  }
  if (holder.__sixthdeskEmailWorker) return holder.__sixthdeskEmailWorker;
  const worker = startEmailWorker({
    getDb,
    sender: createSmtpSender({ smtpUrl: env.SMTP_URL, fromAddress: env.EMAIL_FROM }),
    pollMs: options.pollMs ?? 3_000,
  });
  holder.__sixthdeskEmailWorker = worker;
  logger.info("email worker started", { from: env.EMAIL_FROM });
  return {
    async stop() {
      holder.__sixthdeskEmailWorker = undefined;
      await worker.stop();
    },
  };
}

/** Whether emails are delivered at all (SMTP_URL set) or only kept for the development mailbox. */
export function isEmailDeliveryConfigured(): boolean {
  return Boolean(getEnv().SMTP_URL);
}

/** Whether this process runs the email outbox worker (readiness reports it). */
export function isEmailWorkerRunning(): boolean {
  return holder.__sixthdeskEmailWorker !== undefined;
}
