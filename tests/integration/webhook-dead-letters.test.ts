import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { retryFailedStripeEventAction } from "@/app/(dashboard)/settings/payments/actions";
import { getInvoice } from "@/db/queries/invoices";
import { eventQueueFigures, storeEvent } from "@/db/queries/stripe-events";
import { listFailedEventsForUser, retryAllFailedEvents } from "@/db/queries/stripe-events-failed";
import { stripeEvents } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { eventIdSchema, retryFailedStripeEvent } from "@/lib/stripe/webhooks/failed";
import { EVENT_MAX_AGE_MS, EVENT_MAX_ATTEMPTS } from "@/lib/stripe/webhooks/retry";
import { drainStripeEvents } from "@/lib/stripe/webhooks/worker";
import { customerPays } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

// Webhook events that exhausted their retries stop, are counted, are shown to their seller only, and
// apply once retried (from the app or from `npm run jobs:retry -- events`).
const h = integrationHarness();

const HOUR = 60 * 60_000;

/** A paid invoice whose payment_intent.processing event needs a Stripe read to apply (stale status). */
async function eventNeedingStripe() {
  const seller = await h.seller();
  const invoice = await h.sentInvoice(seller.user);
  const paid = await customerPays(h.db, h.emulator, { token: invoice.token, accountId: seller.accountId });
  const intent = paid.event.data.object as Stripe.PaymentIntent;
  const event = {
    ...paid.event,
    id: `${paid.event.id}_processing`,
    type: "payment_intent.processing",
    data: { object: { ...intent, status: "processing" } },
  } as Stripe.Event;
  return { ...seller, ...invoice, event };
}

async function row(id: string) {
  const [found] = await h.db.select().from(stripeEvents).where(eq(stripeEvents.id, id));
  return found;
}

/** Fails the event (Stripe unreachable) once per pass, `hoursApart` apart, until it stops being claimed. */
async function failUntilItStops(receivedAt: Date, hoursApart: number, maxPasses = 30) {
  let passes = 0;
  await h.whileStripeUnreachable(async () => {
    for (let at = 1; at <= maxPasses; at++) {
      const clock = () => new Date(receivedAt.getTime() + at * hoursApart * HOUR);
      const pass = await drainStripeEvents(h.db, { clock });
      if (pass.claimed === 0) break;
      expect(pass).toMatchObject({ claimed: 1, failed: 1, processed: 0 });
      passes += 1;
    }
  });
  return passes;
}

describe("webhook events that exhaust their retries", () => {
  it("stop after ten attempts and three days, are counted, shown to their seller only, and apply once retried from the app", async () => {
    const { user, invoiceId, event } = await eventNeedingStripe();
    const other = await h.seller();
    const receivedAt = new Date();
    await storeEvent(h.db, { event, handled: true, now: receivedAt });

    // Eight hours apart: ten attempts reach the three days on the tenth (80 h), not before.
    expect(await failUntilItStops(receivedAt, 8)).toBe(EVENT_MAX_ATTEMPTS);
    const dead = await row(event.id);
    expect(dead).toMatchObject({ processedAt: null, attempts: EVENT_MAX_ATTEMPTS });
    expect(dead?.failedAt?.getTime()).toBe(receivedAt.getTime() + 80 * HOUR);
    expect(dead?.failedAt?.getTime()).toBeGreaterThanOrEqual(receivedAt.getTime() + EVENT_MAX_AGE_MS);
    expect(dead?.lastError).toBeTruthy();
    // No longer claimed, however late.
    const muchLater = () => new Date(receivedAt.getTime() + 1000 * HOUR);
    expect((await drainStripeEvents(h.db, { clock: muchLater })).claimed).toBe(0);

    // Counted as dead, and not as backlog, overdue or the oldest waiting event.
    const figures = await eventQueueFigures(h.db, { now: muchLater(), failingAfter: 5 });
    expect(figures).toMatchObject({
      dead: 1,
      backlog: 0,
      retrying: 0,
      failing: 0,
      overdue: 0,
      oldestSeconds: 0,
    });

    // Shown to the seller whose account it concerns, with the stored (redacted) error; not to another.
    const listed = await listFailedEventsForUser(h.db, { userId: user.id, limit: 10 });
    expect(listed).toEqual([
      expect.objectContaining({ id: event.id, type: event.type, lastError: dead?.lastError }),
    ]);
    expect(await listFailedEventsForUser(h.db, { userId: other.user.id, limit: 10 })).toEqual([]);

    // Another seller cannot retry it from the app: refused, nothing changed; a hostile id neither.
    signInAs(other.user.id);
    const refused = await retryFailedStripeEventAction({ eventId: event.id });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe("conflict");
    const hostile = await retryFailedStripeEventAction({ eventId: "evt_x' or '1'='1" });
    expect(hostile.ok).toBe(false);
    if (!hostile.ok) expect(hostile.error.code).toBe("validation");
    expect(await row(event.id)).toMatchObject({ failedAt: dead?.failedAt, attempts: EVENT_MAX_ATTEMPTS });

    // Its seller retries it (twice: a double click is refused the second time, nothing more changed).
    signInAs(user.id);
    expect((await retryFailedStripeEventAction({ eventId: event.id })).ok).toBe(true);
    expect((await retryFailedStripeEventAction({ eventId: event.id })).ok).toBe(false);
    expect(await row(event.id)).toMatchObject({ failedAt: null, attempts: 0 });
    expect(await drainStripeEvents(h.db)).toMatchObject({ processed: 1, failed: 0 });
    expect(await row(event.id)).toMatchObject({ processedAt: expect.any(Date), lastError: null });
    expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe("paid");
    expect((await eventQueueFigures(h.db, { now: new Date(), failingAfter: 5 })).dead).toBe(0);
  });

  it("keeps retrying within the three days however often it fails", async () => {
    const { event } = await eventNeedingStripe();
    const receivedAt = new Date();
    await storeEvent(h.db, { event, handled: true, now: receivedAt });
    // Twice the attempts that could stop it, all within 68 hours: still retried.
    expect(await failUntilItStops(receivedAt, 3.4, 2 * EVENT_MAX_ATTEMPTS)).toBe(2 * EVENT_MAX_ATTEMPTS);
    expect(await row(event.id)).toMatchObject({ failedAt: null, attempts: 2 * EVENT_MAX_ATTEMPTS });
    const figures = await eventQueueFigures(h.db, {
      now: new Date(receivedAt.getTime() + 69 * HOUR),
      failingAfter: 5,
    });
    expect(figures).toMatchObject({ failing: 1, dead: 0 });
    // Its next failure, past the three days, stops it.
    expect(await failUntilItStops(new Date(receivedAt.getTime() + 68 * HOUR), 5, 1)).toBe(1);
    expect((await row(event.id))?.failedAt).toBeInstanceOf(Date);
  }, 60_000);

  it("are retried by the operator's script (jobs:retry -- events) and then apply", async () => {
    const { user, invoiceId, event } = await eventNeedingStripe();
    const receivedAt = new Date();
    await storeEvent(h.db, { event, handled: true, now: receivedAt });
    await failUntilItStops(receivedAt, 8);
    expect((await row(event.id))?.failedAt).toBeInstanceOf(Date);

    // Every failed event, whoever's (the earlier tests' too): the operator's retry.
    expect(await retryAllFailedEvents(h.db, { now: new Date() })).toContain(event.id);
    expect(await retryAllFailedEvents(h.db, { now: new Date() })).toEqual([]);
    expect((await drainStripeEvents(h.db)).failed).toBe(0);
    expect(await row(event.id)).toMatchObject({ processedAt: expect.any(Date), failedAt: null });
    expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe("paid");
  });

  it("refuses an id that is not a Stripe event id before touching anything", async () => {
    expect(eventIdSchema.safeParse({ eventId: "evt_1'; drop table stripe_events;--" }).success).toBe(false);
    expect(eventIdSchema.safeParse({ eventId: "" }).success).toBe(false);
    const { user } = await h.seller();
    await expect(retryFailedStripeEvent(h.db, user.id, "evt_does_not_exist")).rejects.toBeInstanceOf(
      AppError,
    );
  });
});
