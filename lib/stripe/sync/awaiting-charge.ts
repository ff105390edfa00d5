import "server-only";
import type { Database } from "@/db";
import { settleWaitingEvents } from "@/db/queries/stripe-events";
import type { EventContext } from "./shared";

// A first payment_intent.succeeded names its charge by id only, while the Customer's receipt names the
// card. Stripe sends charge.succeeded, whose charge carries the card, with every card payment, in no
// guaranteed order relative to payment_intent.succeeded. So a success that arrives first, for a payment
// whose card we do not hold, waits a short while for its charge instead of reading Stripe: the charge's
// event records the success (lib/stripe/sync/charge.ts), after which the waiting event has nothing left
// to do and is marked processed with it. Past the wait (the charge's delivery failed, or the endpoint
// does not receive charge.succeeded) the success is read once, as before. docs/decisions/0016.

/** How long a first success waits for its charge, from when we received it. */
export const CHARGE_WAIT_MS = 10_000;
/** How long a recorded success is remembered for events that were about to wait for it. */
const CARRIED_KEEP_MS = 60_000;

/** Thrown by a sync's prepare: put the event back until `until` (no attempt counted, no error kept). */
export class AwaitingCharge extends Error {
  override name = "AwaitingCharge";
  constructor(
    readonly paymentIntentId: string,
    readonly until: Date,
  ) {
    super("waiting for the payment's charge.succeeded");
  }
}

type Waiter = { eventId: string; until: Date };
type State = {
  /** By PaymentIntent: this process's payment_intent.succeeded events put back to wait for its charge. */
  waiters: Map<string, Waiter[]>;
  /** By PaymentIntent: when a success recorded for it is forgotten. */
  carried: Map<string, number>;
};

const holder = globalThis as typeof globalThis & { __sixthdeskChargeWaits?: State };

function state(): State {
  holder.__sixthdeskChargeWaits ??= { waiters: new Map(), carried: new Map() };
  return holder.__sixthdeskChargeWaits;
}

/** Until when an event received at `context.receivedAt` may still wait; null: wait no longer (or never). */
export function chargeWaitUntil(context: EventContext): Date | null {
  if (!context.receivedAt) return null;
  const until = context.receivedAt.getTime() + CHARGE_WAIT_MS;
  return context.now.getTime() < until ? new Date(until) : null;
}

/**
 * The worker put `eventId` (a payment_intent.succeeded) back until `until` to wait for the charge of
 * `paymentIntentId`. If that success was recorded meanwhile (another lane applied the charge while this
 * one decided to wait), the event is settled at once.
 */
export async function waitForCharge(
  db: Database,
  params: { paymentIntentId: string; eventId: string; until: Date; now: Date },
): Promise<void> {
  const { waiters, carried } = state();
  const now = params.now.getTime();
  for (const [id, list] of waiters) {
    const live = list.filter((w) => w.until.getTime() > now);
    if (live.length === 0) waiters.delete(id);
    else if (live.length < list.length) waiters.set(id, live);
  }
  const waiter = { eventId: params.eventId, until: params.until };
  waiters.set(params.paymentIntentId, [...(waiters.get(params.paymentIntentId) ?? []), waiter]);
  if ((carried.get(params.paymentIntentId) ?? 0) > now) await successRecorded(db, params);
}

/**
 * A success was recorded (committed) for `paymentIntentId`, from its charge, its intent or a read: this
 * process's payment_intent.succeeded events waiting for it would change nothing now (the payment is
 * final), so they are marked processed in one statement instead of being claimed again.
 */
export async function successRecorded(
  db: Database,
  params: { paymentIntentId: string; now?: Date },
): Promise<void> {
  const s = state();
  const now = (params.now ?? new Date()).getTime();
  s.carried.set(params.paymentIntentId, now + CARRIED_KEEP_MS);
  if (s.carried.size > 1_000) {
    for (const [id, until] of s.carried) if (until <= now) s.carried.delete(id);
  }
  const waiting = s.waiters.get(params.paymentIntentId);
  if (!waiting) return;
  s.waiters.delete(params.paymentIntentId);
  await settleWaitingEvents(db, {
    events: waiting.map((w) => ({ id: w.eventId, until: w.until })),
    now: new Date(now),
  });
}

/** Tests only. */
export function forgetChargeWaits(): void {
  const s = state();
  s.waiters.clear();
  s.carried.clear();
}
