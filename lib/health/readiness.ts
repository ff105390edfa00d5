import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type OutboxFigures, outboxFigures } from "@/db/queries/email-outbox";
import { countDeadLettersFrom } from "@/db/queries/jobs";
import { type RecurringFigures, recurringFigures } from "@/db/queries/recurring";
import { type EventQueueFigures, eventQueueFigures } from "@/db/queries/stripe-events";
import { isEmailWorkerRunning } from "@/lib/email/start";
import { getEnv } from "@/lib/env";
import { type JobFigures, jobFigures } from "@/lib/jobs/failed";
import { DEAD_LETTER_QUEUE, RECURRING_QUEUE } from "@/lib/jobs/queues";
import { isShuttingDown } from "@/lib/shutdown";
import { type StripeRateLimitFigures, stripeRateLimitFigures } from "@/lib/stripe/rate-limit";
import { ALERT_AFTER_ATTEMPTS } from "@/lib/stripe/webhooks/retry";
import { isStripeEventWorkerRunning } from "@/lib/stripe/webhooks/start";

/** A readiness probe never waits longer than this on the database: not ready is an answer too. */
export const READINESS_DB_TIMEOUT_MS = 2_000;

export type ReadinessDetails = {
  ok: boolean;
  shuttingDown: boolean;
  database: { ok: boolean; ms: number; error?: string };
  /**
   * webhookEvents "another process": WEBHOOK_WORKER_IN_PROCESS=false, `npm run worker` applies the events.
   * email: "not configured" without SMTP_URL; "worker process" when jobs run in `npm run worker` only.
   */
  workers: {
    webhookEvents: boolean | "another process";
    email: boolean | "not configured" | "worker process";
  };
  webhookEvents?: EventQueueFigures;
  emails?: OutboxFigures;
  jobs?: JobFigures;
  /** Recurring invoices: schedules overdue to run, and passes that exhausted their retries (dead letters). */
  recurring?: RecurringFigures & { failedPasses: number };
  /**
   * Stripe's 429s to this process (the webhook worker slows down; nothing fails). Never makes the
   * instance unready: taking it out of rotation would not lower what the account asks of Stripe.
   */
  stripeRateLimit?: StripeRateLimitFigures;
};

class TimedOut extends Error {}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimedOut(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Whether this instance should get traffic: not shutting down, the database answers within
 * READINESS_DB_TIMEOUT_MS, and the queue workers it is meant to run are running. With `figures`, the
 * queues' counts too (what to alert on: README "Operating SixthDesk").
 */
export async function checkReadiness(
  db: Database,
  options: { figures: boolean; now?: Date },
): Promise<ReadinessDetails> {
  const now = options.now ?? new Date();
  const shuttingDown = isShuttingDown();
  const env = getEnv();
  const workers: ReadinessDetails["workers"] = {
    webhookEvents: env.WEBHOOK_WORKER_IN_PROCESS ? isStripeEventWorkerRunning() : "another process",
    email: !env.SMTP_URL
      ? "not configured"
      : !env.JOBS_IN_PROCESS
        ? "worker process"
        : isEmailWorkerRunning(),
  };
  const started = performance.now();
  const details: ReadinessDetails = {
    ok: false,
    shuttingDown,
    database: { ok: false, ms: 0 },
    workers,
  };
  try {
    await within(
      READINESS_DB_TIMEOUT_MS,
      (async () => {
        await db.execute(sql`select 1`);
        if (options.figures) {
          details.webhookEvents = await eventQueueFigures(db, { now, failingAfter: ALERT_AFTER_ATTEMPTS });
          details.emails = await outboxFigures(db, now);
          details.jobs = await jobFigures();
          details.recurring = {
            ...(await recurringFigures(db, now)),
            failedPasses: await countDeadLettersFrom(db, {
              deadLetterQueue: DEAD_LETTER_QUEUE,
              queue: RECURRING_QUEUE,
            }),
          };
          details.stripeRateLimit = stripeRateLimitFigures(now.getTime());
        }
      })(),
    );
    details.database = { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    details.database = {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: error instanceof TimedOut ? "timeout" : "unreachable",
    };
  }
  details.ok =
    !shuttingDown && details.database.ok && workers.webhookEvents !== false && workers.email !== false;
  return details;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Whether the request carries the configured HEALTH_TOKEN (never true when none is configured). */
export function hasHealthToken(request: Request): boolean {
  const token = getEnv().HEALTH_TOKEN;
  if (!token) return false;
  const header = request.headers.get("authorization") ?? "";
  const given = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
  return timingSafeEqual(digest(given), digest(token));
}
