// The job engine's queues and their retry policies, and its installation. No "server-only" and relative
// imports only: migrations (scripts/migrate.ts, the test template) install the engine's schema and
// queues too, so that a business transaction can insert a job before any engine has started.
import type { PGlite } from "@electric-sql/pglite";
import PgBoss from "pg-boss";
import type { DatabaseHandle } from "../../db/client";
import { MAX_ATTEMPTS } from "../email/retry";

/** Where work that exhausted its retries goes: kept, counted and retryable (lib/jobs/failed.ts). */
export const DEAD_LETTER_QUEUE = "dead-letter";
export const REMINDERS_QUEUE = "reminders-due";
export const RECURRING_QUEUE = "recurring-due";
/** One job per email attempt series: sends one outbox row (lib/email/jobs.ts). */
export const EMAIL_QUEUE = "email-send";
/** Every minute: gives a job to outbox rows whose job is gone (lib/email/relay.ts). */
export const EMAIL_RELAY_QUEUE = "email-relay";

/** Every five minutes: cancels open PaymentIntents a failed cancel left on closed invoices (lib/payments/stranded.ts). */
export const STRANDED_INTENTS_QUEUE = "stranded-intents";

/** Seconds before the first retry of an email; pg-boss doubles it per retry, with jitter (×1 to ×2). */
export const EMAIL_RETRY_DELAY_SECONDS = 60;
/**
 * An email job taking longer than this is failed by pg-boss and retried. Above the row's lease (two
 * minutes, lib/email/jobs.ts), so a retry never finds the lease of a live attempt.
 */
export const EMAIL_EXPIRE_SECONDS = 3 * 60;

type QueueOptions = Omit<PgBoss.Queue, "name">;

const QUEUES: Record<string, QueueOptions> = {
  [DEAD_LETTER_QUEUE]: { retentionDays: 30 },
  // One pass at a time across all processes: a second tick waits rather than running alongside.
  [REMINDERS_QUEUE]: {
    policy: "singleton",
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
    deadLetter: DEAD_LETTER_QUEUE,
  },
  [RECURRING_QUEUE]: {
    policy: "singleton",
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
    deadLetter: DEAD_LETTER_QUEUE,
  },
  // Retries with backoff, then the job ends failed. No dead-letter copy: the outbox row, marked failed
  // with its last error, is the dead letter the seller sees and retries (docs/decisions/0018).
  [EMAIL_QUEUE]: {
    retryLimit: MAX_ATTEMPTS - 1,
    retryDelay: EMAIL_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    expireInSeconds: EMAIL_EXPIRE_SECONDS,
    retentionDays: 14,
  },
  // The next minute's tick is the retry: a failed relay pass is not worth a dead letter. "stately": at
  // most one pass waiting and one running, so ticks nobody works (no process sends email) never pile up.
  [EMAIL_RELAY_QUEUE]: { policy: "stately", retryLimit: 0, expireInSeconds: 5 * 60 },
  // The next tick is the retry; one pass at a time across all processes.
  [STRANDED_INTENTS_QUEUE]: { policy: "stately", retryLimit: 0, expireInSeconds: 10 * 60 },
};

/** Creates the queues that do not exist yet (pg-boss leaves existing ones as they are). */
export async function createQueues(boss: PgBoss): Promise<void> {
  for (const [name, options] of Object.entries(QUEUES)) await boss.createQueue(name, { name, ...options });
}

/**
 * pg-boss's SQL through PGlite. Its schema and maintenance commands are several statements in one text
 * without parameters: those go through `exec` (simple protocol); the rest through `query`. PGlite
 * queues both behind any open transaction, so they never interleave with the app's own.
 */
export function pgliteExecutor(client: PGlite): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const result = await client.query(text, values);
      return { rows: result.rows };
    },
  };
}

/** pg-boss's connection settings for a database handle: its own small pool, or the PGlite client. */
export function engineConnection(handle: DatabaseHandle, max = 4): PgBoss.ConstructorOptions {
  if (handle.kind === "postgres") {
    if (!handle.url) throw new Error("the PostgreSQL handle has no URL");
    return { connectionString: handle.url, max, application_name: "sixthdesk-jobs" };
  }
  if (!handle.pglite) throw new Error("the PGlite handle has no client");
  return { db: pgliteExecutor(handle.pglite) };
}

/**
 * Creates or upgrades the engine's schema (`pgboss`) and its queues, then stops: part of migrating, so
 * that jobs can be inserted in the app's transactions (emails) whether or not an engine runs yet.
 */
export async function installJobEngine(handle: DatabaseHandle): Promise<void> {
  const boss = new PgBoss({ ...engineConnection(handle, 1), supervise: false, schedule: false });
  boss.on("error", () => {});
  await boss.start();
  try {
    await createQueues(boss);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
