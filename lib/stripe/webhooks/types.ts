import type Stripe from "stripe";
import type { Database } from "@/db";

/**
 * One file per event type. `prepare` reads the current state from Stripe outside the database
 * transaction (events arrive late and out of order; the object in them may be stale); `apply` writes
 * inside the transaction that also marks the event processed.
 */
export type WebhookHandler<T> = {
  prepare(db: Database, event: Stripe.Event): Promise<T>;
  apply(db: Database, event: Stripe.Event, prepared: T): Promise<void>;
};

export function defineHandler<T>(handler: WebhookHandler<T>): WebhookHandler<unknown> {
  return handler as WebhookHandler<unknown>;
}
