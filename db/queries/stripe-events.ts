import "server-only";
import { eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "../client";
import { stripeEvents } from "../schema";

function eventValues(event: Stripe.Event) {
  return {
    id: event.id,
    type: event.type,
    account: event.account ?? null,
    apiVersion: event.api_version,
    stripeCreatedAt: new Date(event.created * 1000),
    payload: event,
  };
}

export async function isEventProcessed(db: Database, eventId: string): Promise<boolean> {
  const [row] = await db
    .select({ processedAt: stripeEvents.processedAt })
    .from(stripeEvents)
    .where(eq(stripeEvents.id, eventId))
    .limit(1);
  return Boolean(row?.processedAt);
}

/**
 * Stores the event, or counts another attempt at one not yet processed. Returns false when the event was
 * already processed: a concurrent delivery waits on the row and then sees it done.
 */
export async function claimEvent(db: Database, event: Stripe.Event): Promise<boolean> {
  const rows = await db
    .insert(stripeEvents)
    .values({ ...eventValues(event), attempts: 1 })
    .onConflictDoUpdate({
      target: stripeEvents.id,
      set: { attempts: sql`${stripeEvents.attempts} + 1` },
      setWhere: sql`${stripeEvents.processedAt} is null`,
    })
    .returning({ id: stripeEvents.id });
  return rows.length > 0;
}

export async function markEventProcessed(db: Database, params: { eventId: string; at: Date; note?: string }) {
  await db
    .update(stripeEvents)
    .set({ processedAt: params.at, lastError: params.note ?? null })
    .where(eq(stripeEvents.id, params.eventId));
}

/** Remembers why processing failed; the transaction that tried was rolled back, so this runs on its own. */
export async function recordEventFailure(db: Database, params: { event: Stripe.Event; error: string }) {
  await db
    .insert(stripeEvents)
    .values({ ...eventValues(params.event), attempts: 1, lastError: params.error })
    .onConflictDoUpdate({
      target: stripeEvents.id,
      set: { lastError: params.error, attempts: sql`${stripeEvents.attempts} + 1` },
    });
}
