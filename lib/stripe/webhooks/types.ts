import type Stripe from "stripe";
import type { Database } from "@/db";

/**
 * One file per event type. `prepare` reads the current state from Stripe outside the database
 * transaction (events arrive late and out of order; the object in them may be stale); `apply` writes
 * inside the transaction that also marks the event processed, and may return a follow-up that calls
 * Stripe after that transaction commits (so no row lock is held meanwhile); a failed follow-up is
 * logged, not retried with the event.
 */
export type FollowUp = (db: Database) => Promise<void>;

export type WebhookHandler<T> = {
  prepare(db: Database, event: Stripe.Event): Promise<T>;
  // biome-ignore lint/suspicious/noConfusingVoidType: most handlers have no follow-up and return nothing
  apply(db: Database, event: Stripe.Event, prepared: T): Promise<FollowUp | undefined | void>;
};

export function defineHandler<T>(handler: WebhookHandler<T>): WebhookHandler<unknown> {
  return handler as WebhookHandler<unknown>;
}
