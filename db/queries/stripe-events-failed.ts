import "server-only";
import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { stripeEvents, users } from "../schema";

export type FailedStripeEvent = {
  id: string;
  type: string;
  attempts: number;
  lastError: string | null;
  receivedAt: Date;
  failedAt: Date;
};

/** The seller's connected account (an event's `account`), in a WHERE: the event must be theirs. */
const ownedBy = (userId: string) =>
  sql`${stripeEvents.account} = (select ${users.stripeAccountId} from ${users} where ${users.id} = ${userId})`;

const failed = and(isNull(stripeEvents.processedAt), isNotNull(stripeEvents.failedAt));

/** The events of this User's connected account that exhausted their retries, most recent first. */
export async function listFailedEventsForUser(
  db: Database,
  params: { userId: string; limit: number },
): Promise<FailedStripeEvent[]> {
  const rows = await db
    .select({
      id: stripeEvents.id,
      type: stripeEvents.type,
      attempts: stripeEvents.attempts,
      lastError: stripeEvents.lastError,
      receivedAt: stripeEvents.receivedAt,
      failedAt: stripeEvents.failedAt,
    })
    .from(stripeEvents)
    .where(and(failed, ownedBy(params.userId)))
    .orderBy(desc(stripeEvents.failedAt), desc(stripeEvents.id))
    .limit(params.limit);
  return rows.flatMap((row) => (row.failedAt ? [{ ...row, failedAt: row.failedAt }] : []));
}

/**
 * Makes one failed event of this User's due again, with a fresh set of attempts (the last error kept
 * until it applies). False when it is not theirs, not failed, or already applied: nothing changed.
 */
export async function retryFailedEventForUser(
  db: Database,
  params: { userId: string; eventId: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(stripeEvents)
    .set({ failedAt: null, attempts: 0, nextAttemptAt: params.now })
    .where(and(eq(stripeEvents.id, params.eventId), failed, ownedBy(params.userId)))
    .returning({ id: stripeEvents.id });
  return rows.length > 0;
}

/** Every failed event due again (`npm run jobs:retry -- events`): the operator's retry, any account. */
export async function retryAllFailedEvents(db: Database, params: { now: Date }): Promise<string[]> {
  const rows = await db
    .update(stripeEvents)
    .set({ failedAt: null, attempts: 0, nextAttemptAt: params.now })
    .where(failed)
    .returning({ id: stripeEvents.id });
  return rows.map((r) => r.id);
}
