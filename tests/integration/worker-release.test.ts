import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import {
  claimDueEventsForWorker,
  eventQueueFigures,
  releaseEventClaims,
  storeEvent,
} from "@/db/queries/stripe-events";
import { stripeEvents } from "@/db/schema";
import { applyDueEvents, EVENT_LEASE_MS } from "@/lib/stripe/webhooks/worker";
import { integrationHarness } from "../support/harness";

// A worker that stops (a deploy, a restart) hands back the events it claimed and has not started, so
// another instance applies them at once instead of after their two-minute lease.
const h = integrationHarness();

function accountUpdated(accountId: string): Stripe.Event {
  return {
    id: `evt_${randomUUID().replaceAll("-", "")}`,
    object: "event",
    type: "account.updated",
    account: accountId,
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object: { id: accountId, object: "account" } as Stripe.Account },
  } as Stripe.Event;
}

describe("a stopping webhook worker", () => {
  it("finishes the event it started and hands the rest back, due now and not counted as attempts", async () => {
    const seller = await h.seller();
    const events = Array.from({ length: 4 }, () => accountUpdated(seller.accountId));
    for (const event of events) await storeEvent(h.db, { event, handled: true, now: new Date() });

    let started = 0;
    const pass = await applyDueEvents(h.db, { batchSize: 10, stopping: () => started++ >= 1 });
    expect(pass).toMatchObject({ claimed: 4, processed: 1, failed: 0, released: 3 });

    const figures = await eventQueueFigures(h.db, { now: new Date(), failingAfter: 5 });
    expect(figures).toMatchObject({ backlog: 3, retrying: 0, failing: 0, dead: 0, overdue: 0 });
    const rows = await h.db.select().from(stripeEvents).where(eq(stripeEvents.account, seller.accountId));
    expect(rows.filter((r) => r.processedAt === null).map((r) => r.attempts)).toEqual([0, 0, 0]);

    // Another worker takes them straight away, not after the lease.
    const again = await claimDueEventsForWorker(h.db, {
      now: new Date(),
      limit: 10,
      leaseMs: EVENT_LEASE_MS,
    });
    expect(again).toHaveLength(3);
  });

  it("hands back only claims it still holds: a newer claim by another worker is left alone", async () => {
    const seller = await h.seller();
    const event = accountUpdated(seller.accountId);
    await storeEvent(h.db, { event, handled: true, now: new Date() });
    const t0 = new Date();
    const [first] = await claimDueEventsForWorker(h.db, { now: t0, limit: 1, leaseMs: 1 });
    if (!first) throw new Error("nothing claimed");
    // The first lease ran out and another worker claimed it (attempt 2).
    const [second] = await claimDueEventsForWorker(h.db, {
      now: new Date(t0.getTime() + 10),
      limit: 1,
      leaseMs: EVENT_LEASE_MS,
    });
    expect(second?.attempts).toBe(2);
    await releaseEventClaims(h.db, { claims: [first], now: new Date() });
    const [row] = await h.db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id));
    expect(row?.attempts).toBe(2);
    expect(row?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + EVENT_LEASE_MS / 2);
  });
});
