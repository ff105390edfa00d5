import "server-only";
import { getEnv } from "@/lib/env";
import { runningJobs } from "@/lib/jobs/start";
import { logger } from "@/lib/logger";
import { createSmtpSender, type EmailSender } from "./transport";

/**
 * The SMTP sender the job engine's email worker uses, when SMTP_URL is set. Without it nothing is sent:
 * emails (and their jobs) wait, and the development mailbox shows them. Returns null in that case.
 */
export function emailSenderFromEnv(): EmailSender | null {
  const env = getEnv();
  if (!env.SMTP_URL) {
    logger.info("email: SMTP_URL is not set; emails stay in the outbox (development mailbox)");
    return null;
  }
  return createSmtpSender({ smtpUrl: env.SMTP_URL, fromAddress: env.EMAIL_FROM });
}

/** Whether emails are delivered at all (SMTP_URL set) or only kept for the development mailbox. */
export function isEmailDeliveryConfigured(): boolean {
  return Boolean(getEnv().SMTP_URL);
}

/** Whether this process sends emails: its job engine works the email queue (readiness reports it). */
export function isEmailWorkerRunning(): boolean {
  return runningJobs()?.sendsEmail === true;
}
