import "server-only";
import { and, asc, count, eq, exists, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "../client";
import { type Payment, payments, type StripeEvent, stripeEvents } from "../schema";

type PaymentStatus = Payment["status"];

export type StoreEventResult = "stored" | "duplicate";

/**
 * Stores a verified event once, by its `evt_` id; a redelivery changes nothing. An event no handler
 * wants is stored as processed (with why), so the worker never picks it up.
 */
export async function storeEvent(
  db: Database,
  params: { event: Stripe.Event; rawBody?: string; handled: boolean; now: Date },
): Promise<StoreEventResult> {
  const { event, handled, now } = params;
  const rows = await db
    .insert(stripeEvents)
    .values({
      id: event.id,
      type: event.type,
      account: event.account ?? null,
      apiVersion: event.api_version,
      stripeCreatedAt: new Date(event.created * 1000),
      // The body as Stripe signed it, when the caller has it: no second JSON.stringify on the hot path.
      payload: params.rawBody === undefined ? event : sql`${params.rawBody}::jsonb`,
      receivedAt: now,
      nextAttemptAt: now,
      processedAt: handled ? null : now,
      lastError: handled ? null : "type not handled",
    })
    .onConflictDoNothing({ target: stripeEvents.id })
    .returning({ id: stripeEvents.id });
  return rows.length > 0 ? "stored" : "duplicate";
}

export type ClaimedEvent = Pick<StripeEvent, "id" | "type" | "attempts" | "receivedAt"> & {
  event: Stripe.Event;
};

/**
 * Claims up to `limit` unprocessed events that are due, oldest due first, for `leaseMs`: another
 * worker skips them until the lease runs out (a worker that died mid-way loses them that way). A claim
 * counts as an attempt. One statement (the rows are locked by its subquery, SKIP LOCKED), since every
 * worker lane runs it between batches.
 */
export async function claimDueEventsForWorker(
  db: Database,
  params: { now: Date; limit: number; leaseMs: number },
): Promise<ClaimedEvent[]> {
  const due = db
    .select({ id: stripeEvents.id })
    .from(stripeEvents)
    .where(
      and(
        isNull(stripeEvents.processedAt),
        isNull(stripeEvents.failedAt),
        lte(stripeEvents.nextAttemptAt, params.now),
      ),
    )
    .orderBy(asc(stripeEvents.nextAttemptAt), asc(stripeEvents.receivedAt), asc(stripeEvents.id))
    .limit(params.limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(stripeEvents)
    .set({
      attempts: sql`${stripeEvents.attempts} + 1`,
      nextAttemptAt: new Date(params.now.getTime() + params.leaseMs),
    })
    .where(inArray(stripeEvents.id, due))
    .returning({
      id: stripeEvents.id,
      type: stripeEvents.type,
      attempts: stripeEvents.attempts,
      receivedAt: stripeEvents.receivedAt,
      payload: stripeEvents.payload,
    });
  // Oldest received first (RETURNING's order is arbitrary): handlers that read Stripe get its state now
  // anyway, but an earlier event then rarely finds a later state already applied.
  return claimed
    .sort(
      (a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map(({ payload, ...rest }) => ({ ...rest, event: payload as Stripe.Event }));
}

/**
 * Marks an event processed, in one statement (alone for an event that changes nothing, or last in the
 * transaction that applies it): false when it was processed meanwhile (another worker whose lease
 * overlapped got there first).
 */
export async function markEventProcessedIfUnprocessed(db: Database, params: { eventId: string; at: Date }) {
  const rows = await db
    .update(stripeEvents)
    .set({ processedAt: params.at, lastError: null })
    .where(and(eq(stripeEvents.id, params.eventId), isNull(stripeEvents.processedAt)))
    .returning({ id: stripeEvents.id });
  return rows.length > 0;
}

/**
 * Marks a PaymentIntent's event processed, in one statement, when the payment it is about already
 * holds a status the event cannot move (ours, on the event's account): the common late or repeated
 * event costs no statement besides. False when it does not (or the event was processed meanwhile): the
 * caller then applies it the usual way, which decides again under the payment's row lock.
 */
export async function markIntentEventProcessedIfSettled(
  db: Database,
  params: {
    eventId: string;
    at: Date;
    paymentIntentId: string;
    accountId: string;
    settledStatuses: readonly PaymentStatus[];
  },
): Promise<boolean> {
  const settled = db
    .select({ one: sql`1` })
    .from(payments)
    .where(
      and(
        eq(payments.stripePaymentIntentId, params.paymentIntentId),
        eq(payments.stripeAccountId, params.accountId),
        inArray(payments.status, [...params.settledStatuses]),
      ),
    );
  const rows = await db
    .update(stripeEvents)
    .set({ processedAt: params.at, lastError: null })
    .where(and(eq(stripeEvents.id, params.eventId), isNull(stripeEvents.processedAt), exists(settled)))
    .returning({ id: stripeEvents.id });
  return rows.length > 0;
}

/**
 * Remembers why applying failed (that transaction was rolled back) and when to try again, or, with
 * `failedAt`, that it exhausted its retries (no longer claimed); only while the row is still this
 * attempt's, so a worker whose lease ran out cannot move a newer claim's lease.
 */
export async function recordEventFailure(
  db: Database,
  params: {
    claim: Pick<ClaimedEvent, "id" | "attempts">;
    error: string;
    retryAt: Date;
    failedAt?: Date | null;
  },
) {
  await db
    .update(stripeEvents)
    .set({ lastError: params.error, nextAttemptAt: params.retryAt, failedAt: params.failedAt ?? null })
    .where(
      and(
        eq(stripeEvents.id, params.claim.id),
        eq(stripeEvents.attempts, params.claim.attempts),
        isNull(stripeEvents.processedAt),
      ),
    );
}

/**
 * Hands claimed events that were not started back to the queue at once (a worker stopping), instead of
 * leaving them to wait out their lease: due now, and the claim's attempt not counted. Only rows still
 * held by that claim and unapplied.
 */
export async function releaseEventClaims(
  db: Database,
  params: { claims: Pick<ClaimedEvent, "id" | "attempts">[]; now: Date },
) {
  if (params.claims.length === 0) return;
  await db.transaction(async (tx) => {
    for (const claim of params.claims) {
      await tx
        .update(stripeEvents)
        .set({ nextAttemptAt: params.now, attempts: sql`${stripeEvents.attempts} - 1` })
        .where(
          and(
            eq(stripeEvents.id, claim.id),
            eq(stripeEvents.attempts, claim.attempts),
            isNull(stripeEvents.processedAt),
          ),
        );
    }
  });
}

export type EventQueueFigures = {
  /** Stored and not applied yet and still in the queue (due, leased or waiting to retry). */
  backlog: number;
  /** Of those, failed at least once. */
  retrying: number;
  /** Of those, failed `failingAfter` times or more: a handler that keeps failing, not given up on yet. */
  failing: number;
  /** Gave up after their retries (dead letters): not claimed until retried, shown to their seller. */
  dead: number;
  /** Due for over a minute and not taken: no worker is running, or all are stuck. */
  overdue: number;
  /** Seconds since the oldest unapplied event was received (0 when none). */
  oldestSeconds: number;
};

/** The webhook queue's health figures (README "Operating SixthDesk"), from the unapplied-events index. */
export async function eventQueueFigures(
  db: Database,
  params: { now: Date; failingAfter: number },
): Promise<EventQueueFigures> {
  const minuteAgo = new Date(params.now.getTime() - 60_000);
  // Dead rows are counted apart: in the queue's figures they would read as an ever-growing backlog,
  // overdue (their next attempt is in the past) and an old oldest event. Two partial indexes, one each.
  const [row] = await db
    .select({
      backlog: count(),
      retrying: count(stripeEvents.lastError),
      failing:
        sql<number>`count(*) filter (where ${stripeEvents.attempts} >= ${params.failingAfter} and ${stripeEvents.lastError} is not null)`.mapWith(
          Number,
        ),
      overdue:
        sql<number>`count(*) filter (where ${stripeEvents.nextAttemptAt} < ${minuteAgo.toISOString()}::timestamptz)`.mapWith(
          Number,
        ),
      oldest: sql<Date | null>`min(${stripeEvents.receivedAt})`.mapWith((v: unknown) =>
        v === null ? null : new Date(String(v)),
      ),
    })
    .from(stripeEvents)
    .where(and(isNull(stripeEvents.processedAt), isNull(stripeEvents.failedAt)));
  const [deadRow] = await db
    .select({ dead: count() })
    .from(stripeEvents)
    .where(and(isNull(stripeEvents.processedAt), isNotNull(stripeEvents.failedAt)));
  const oldest = row?.oldest ?? null;
  return {
    backlog: row?.backlog ?? 0,
    retrying: row?.retrying ?? 0,
    failing: row?.failing ?? 0,
    dead: deadRow?.dead ?? 0,
    overdue: row?.overdue ?? 0,
    oldestSeconds: oldest ? Math.max(0, Math.round((params.now.getTime() - oldest.getTime()) / 1000)) : 0,
  };
}

/**
 * Hands back a claim whose outcome the worker never learnt (the connection died around its COMMIT):
 * the rows it may hold are the unapplied ones whose lease ends at exactly `leaseEndsAt`. Another
 * worker's claim made in the same millisecond would be handed back too, which is harmless: the event
 * row's lock still lets one apply it.
 */
export async function releaseUnknownClaim(db: Database, params: { leaseEndsAt: Date; now: Date }) {
  await db
    .update(stripeEvents)
    .set({ nextAttemptAt: params.now, attempts: sql`greatest(${stripeEvents.attempts} - 1, 0)` })
    .where(
      and(
        eq(stripeEvents.nextAttemptAt, params.leaseEndsAt),
        isNull(stripeEvents.processedAt),
        isNull(stripeEvents.failedAt),
      ),
    );
}

/**
 * Puts a claimed event back for later without counting the attempt or recording an error: Stripe
 * answered 429, which says nothing about the event (the worker slows down instead of failing it), or a
 * first success waits for its charge. One statement; only while the row is still this claim's.
 */
export async function deferEventClaim(
  db: Database,
  params: { claim: Pick<ClaimedEvent, "id" | "attempts">; until: Date },
) {
  await db
    .update(stripeEvents)
    .set({ nextAttemptAt: params.until, attempts: sql`${stripeEvents.attempts} - 1` })
    .where(
      and(
        eq(stripeEvents.id, params.claim.id),
        eq(stripeEvents.attempts, params.claim.attempts),
        isNull(stripeEvents.processedAt),
      ),
    );
}

/**
 * Marks processed events that were put back until a moment and have nothing left to do
 * (lib/stripe/sync/awaiting-charge.ts): only those still waiting for exactly that moment, so a row
 * another worker has claimed meanwhile (its lease moved the time) is left to that worker.
 */
export async function settleWaitingEvents(
  db: Database,
  params: { events: { id: string; until: Date }[]; now: Date },
) {
  if (params.events.length === 0) return;
  await db
    .update(stripeEvents)
    .set({ processedAt: params.now, lastError: null })
    .where(
      and(
        isNull(stripeEvents.processedAt),
        or(
          ...params.events.map((e) =>
            and(eq(stripeEvents.id, e.id), eq(stripeEvents.nextAttemptAt, e.until)),
          ),
        ),
      ),
    );
}
