import "server-only";
import type Stripe from "stripe";
import type { Database } from "@/db";
import { findPaymentForStripe } from "@/db/queries/payments";
import type { Payment } from "@/db/schema";
import { handleAccountRevoked } from "../connect-account";
import { isAccountAccessRevoked } from "../errors";

// What every lib/stripe/sync/<object>.ts module needs: the id of an expandable field, Stripe's list
// pagination, the payment a Stripe object is about (found, or locked before a change), and the one way
// a 403 from a connected account becomes a disconnect. Kept here so each object module only says what
// is particular to its object.

/** Where news of a Stripe object came from, kept in the audit details. */
export type SyncSource = "app" | "webhook" | "reconcile";

/** An expandable field holds either the id or the object: the id in both cases. */
export const stripeIdOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === "string" ? value : (value?.id ?? null);

/** A refund, dispute or charge names its payment by PaymentIntent and/or by charge. */
type PaymentReference = {
  payment_intent?: string | { id: string } | null;
  charge?: string | { id: string } | null;
};

/** A bound on how far back a list is followed: reconcile repairs recent drift, not all history. */
export const MAX_LIST_PAGES = 5;

/** Follows a Stripe list (newest first) page by page, at most `maxPages` pages of 100. */
export async function collectPages<T extends { id: string }>(
  fetchPage: (params: { limit: number; starting_after?: string }) => Promise<Stripe.ApiList<T>>,
  maxPages = MAX_LIST_PAGES,
): Promise<T[]> {
  const all: T[] = [];
  let startingAfter: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const list = await fetchPage({ limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) });
    all.push(...list.data);
    const last = list.data.at(-1);
    if (!list.has_more || !last) break;
    startingAfter = last.id;
  }
  return all;
}

/**
 * The payment a refund, dispute or charge on `accountId` is about, if it is one of ours on that
 * account. Webhook handlers ask this before calling Stripe, so events about other accounts' charges
 * cost nothing.
 */
export async function findOurPaymentForStripe(
  db: Database,
  params: { accountId: string; object: PaymentReference; chargeId?: string },
): Promise<Payment | undefined> {
  const payment = await findPaymentForStripe(db, {
    paymentIntentId: stripeIdOf(params.object.payment_intent),
    chargeId: params.chargeId ?? stripeIdOf(params.object.charge),
  });
  return payment?.stripeAccountId === params.accountId ? payment : undefined;
}

/**
 * Locks the payment a refund or dispute is about. Every change of a payment's refunds and disputes
 * takes this lock first, so webhooks, the refund flow and reconcile on one payment run one at a time.
 */
export function lockPaymentForStripeObject(db: Database, object: PaymentReference) {
  return findPaymentForStripe(db, {
    paymentIntentId: stripeIdOf(object.payment_intent),
    chargeId: stripeIdOf(object.charge),
    lock: true,
  });
}

/**
 * Stripe's 403 for a connected account means our access was revoked: if `error` is that, the account
 * is marked disconnected and what changed is returned; otherwise null (the caller rethrows).
 *
 * The one rule for every caller (webhooks, reconcile, the return page, the refund and pay flows): the
 * disconnect is written where the 403 is met, in its own transaction, never inside another one (a
 * webhook event's included). So nothing that rolls back afterwards can undo it, and since only a
 * connected User changes, an event or request that is retried repeats it harmlessly.
 */
export async function disconnectIfRevoked(
  db: Database,
  params: { accountId: string; error: unknown; at?: Date },
): Promise<{ disconnectedUserIds: string[] } | null> {
  if (!isAccountAccessRevoked(params.error)) return null;
  return handleAccountRevoked(db, {
    accountId: params.accountId,
    at: params.at ?? new Date(),
    actor: "stripe",
  });
}

export type OnAccount<T> = { revoked: false; value: T } | { revoked: true; disconnectedUserIds: string[] };

/** Runs Stripe calls on a connected account; a 403 disconnects it (see disconnectIfRevoked) and says so. */
export async function callConnectedAccount<T>(
  db: Database,
  params: { accountId: string; at?: Date },
  call: () => Promise<T>,
): Promise<OnAccount<T>> {
  try {
    return { revoked: false, value: await call() };
  } catch (error) {
    const revoked = await disconnectIfRevoked(db, { ...params, error });
    if (!revoked) throw error;
    return { revoked: true, ...revoked };
  }
}

/**
 * Work `apply` hands back to run after its transaction commits: calls to Stripe that must not hold the
 * transaction's row locks (cancelling a paid invoice's other intents). A failure is logged, not retried.
 */
export type FollowUp = (db: Database) => Promise<void>;

/**
 * What the queue knows of an event besides its body: when it is applied, and when we first received it
 * (null when a caller applies it outside the queue: it is applied now, never held back).
 */
export type EventContext = { now: Date; receivedAt: Date | null };

/**
 * A webhook event's handler, in the module of the Stripe object it is about. `prepare` runs outside the
 * database transaction and decides whether the event's own object is enough or the current state must
 * be read from Stripe (events arrive late and out of order; the object in them may be stale); `apply`
 * writes inside the transaction that also marks the event processed.
 */
/**
 * What `prepare` returns when the event changes nothing (an object that is not ours, a state we already
 * hold): the event is marked processed in one statement, without `apply`'s transaction.
 */
export const NOTHING_TO_APPLY: unique symbol = Symbol("nothing to apply");

export type EventSync<T> = {
  /**
   * Optional, one statement: marks the event processed when what we hold already makes it a no-op
   * (true), before `prepare` spends statements finding that out. False: apply it the usual way.
   */
  markIfSettled?(db: Database, event: Stripe.Event, at: Date): Promise<boolean>;
  prepare(db: Database, event: Stripe.Event, context: EventContext): Promise<T | typeof NOTHING_TO_APPLY>;
  // biome-ignore lint/suspicious/noConfusingVoidType: most syncs have no follow-up and return nothing
  apply(db: Database, event: Stripe.Event, prepared: T): Promise<FollowUp | undefined | void>;
};

export function defineEventSync<T>(sync: EventSync<T>): EventSync<unknown> {
  return sync as EventSync<unknown>;
}
