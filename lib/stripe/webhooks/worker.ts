import "server-only";
import type { Database } from "@/db";
import {
  type ClaimedEvent,
  claimDueEventsForWorker,
  deferEventClaim,
  recordEventFailure,
  releaseEventClaims,
  releaseUnknownClaim,
} from "@/db/queries/stripe-events";
import { retryWhileUnavailable } from "@/lib/db-retry";
import { describeError } from "@/lib/log-redaction";
import { errorContext, logger, requestIdFrom, withLogContext } from "@/lib/logger";
import { createNap } from "@/lib/nap";
import {
  isStripeRateLimited,
  noteStripeCallAdmitted,
  noteStripeRateLimited,
  rateLimitReason,
  stripePauseRemainingMs,
} from "../rate-limit";
import { AwaitingCharge, waitForCharge } from "../sync/awaiting-charge";
import { applyStripeEvent } from "./process";
import { ALERT_AFTER_ATTEMPTS, eventGivesUp, eventRetryDelayMs } from "./retry";

/** Longer than any handler takes (a Stripe read with the SDK's timeout and retries, then one transaction). */
export const EVENT_LEASE_MS = 2 * 60_000;

/** A claim whose lease ends sooner than this is left for the next claim rather than started. */
const LEASE_MARGIN_MS = 30_000;

export type EventPass = {
  claimed: number;
  processed: number;
  duplicate: number;
  failed: number;
  /** Stripe answered 429: put back for after the back-off, the attempt not counted, no error recorded. */
  deferred: number;
  /** A first success put back to wait for its charge.succeeded (lib/stripe/sync/awaiting-charge.ts). */
  waiting: number;
  /** Claimed but not started: the lease ran too short (slow Stripe calls earlier in the batch). */
  released: number;
};

type PassOptions = {
  clock?: () => Date;
  batchSize?: number;
  /** Awaited before each event is applied: the server's worker gives way to deliveries there. */
  beforeEach?: () => Promise<void>;
  /** True once the worker is stopping: the claims not started yet are handed back at once. */
  stopping?: () => boolean;
};

async function applyOne(db: Database, claim: ClaimedEvent, clock: () => Date) {
  try {
    const outcome = await applyStripeEvent(db, claim.event, { now: clock(), receivedAt: claim.receivedAt });
    noteStripeCallAdmitted();
    return outcome;
  } catch (error) {
    if (error instanceof AwaitingCharge) {
      // Not a failure: put back (attempt not counted) until the wait ends; applying its charge settles it.
      const { until, paymentIntentId } = error;
      await retryWhileUnavailable(() => deferEventClaim(db, { claim, until }));
      await waitForCharge(db, { paymentIntentId, eventId: claim.id, until, now: clock() });
      return "waiting" as const;
    }
    if (isStripeRateLimited(error)) {
      // Not the event's fault: it waits out the back-off (every lane slows down with it) and is tried
      // again as if for the first time. Nothing alarming is logged or shown.
      const waitMs = noteStripeRateLimited(error, clock().getTime());
      logger.info("stripe rate-limited the webhook worker; slowing down", {
        eventId: claim.id,
        reason: rateLimitReason(error),
        waitMs,
      });
      const until = new Date(clock().getTime() + waitMs);
      await retryWhileUnavailable(() => deferEventClaim(db, { claim, until }));
      return "deferred" as const;
    }
    const context = { eventId: claim.id, type: claim.type, attempts: claim.attempts, ...errorContext(error) };
    const now = clock();
    const givesUp = eventGivesUp({ attempts: claim.attempts, receivedAt: claim.receivedAt, now });
    if (givesUp) logger.error("webhook event failed for good; retry it from the app or jobs:retry", context);
    else if (claim.attempts >= ALERT_AFTER_ATTEMPTS) logger.error("webhook event keeps failing", context);
    else logger.warn("webhook event failed; will retry", context);
    const retryAt = new Date(now.getTime() + eventRetryDelayMs(claim.attempts));
    // Kept on the row for operators: redacted like a log line (a failed query's message quotes the event).
    const described = describeError(error);
    const message = described.errorMessage ?? described.error;
    await retryWhileUnavailable(() =>
      recordEventFailure(db, {
        claim,
        error: message.slice(0, 500),
        retryAt,
        failedAt: givesUp ? now : null,
      }),
    );
    return "failed" as const;
  }
}

/** One pass: claims the events that are due and applies them one by one, in the order claimed. */
export async function applyDueEvents(db: Database, options: PassOptions = {}): Promise<EventPass> {
  const clock = options.clock ?? (() => new Date());
  const claimedAt = clock().getTime();
  const claims = await claimDueEventsForWorker(db, {
    now: new Date(claimedAt),
    limit: options.batchSize ?? 20,
    leaseMs: EVENT_LEASE_MS,
  }).catch(async (error: unknown) => {
    // The claim may have committed without us hearing so: hand back what it may hold rather than
    // leave it leased for two minutes. Best effort, as below.
    const leaseEndsAt = new Date(claimedAt + EVENT_LEASE_MS);
    await retryWhileUnavailable(() => releaseUnknownClaim(db, { leaseEndsAt, now: clock() }), [200]).catch(
      () => {},
    );
    throw error;
  });
  const pass: EventPass = {
    claimed: claims.length,
    processed: 0,
    duplicate: 0,
    failed: 0,
    deferred: 0,
    waiting: 0,
    released: 0,
  };
  let current = 0;
  try {
    await applyClaims();
  } catch (error) {
    // Recording a failure failed too (the database went away mid-pass): hand back what this pass still
    // holds, so it is retried when the database answers again rather than after the lease. Best effort:
    // if the database is still gone, the leases end by themselves.
    await retryWhileUnavailable(() =>
      releaseEventClaims(db, { claims: claims.slice(current), now: clock() }),
    ).catch(() => {});
    throw error;
  }
  return pass;

  async function applyClaims() {
    for (const [index, claim] of claims.entries()) {
      current = index;
      await options.beforeEach?.();
      if (options.stopping?.()) {
        // Stopping (a deploy, a restart): what is not started goes back to the queue now, for another
        // instance or the next start, rather than waiting out its two-minute lease.
        const rest = claims.slice(index);
        await retryWhileUnavailable(() => releaseEventClaims(db, { claims: rest, now: clock() }));
        pass.released += rest.length;
        break;
      }
      // Past the lease another worker may have claimed it: starting it too would only double the calls
      // to Stripe (the event row's lock would still let one of the two apply it).
      if (clock().getTime() > claimedAt + EVENT_LEASE_MS - LEASE_MARGIN_MS) {
        pass.released += 1;
        continue;
      }
      const outcome = await withLogContext(
        { requestId: requestIdFrom(), job: "webhook event", eventId: claim.id },
        () => applyOne(db, claim, clock),
      );
      pass[outcome] += 1;
    }
    current = claims.length;
  }
}

/**
 * Applies everything due until nothing is (events that fail are left for their retry time). For
 * scripts and tests, which want the queue settled before they look.
 */
export async function drainStripeEvents(db: Database, options: PassOptions = {}): Promise<EventPass> {
  const total: EventPass = {
    claimed: 0,
    processed: 0,
    duplicate: 0,
    failed: 0,
    deferred: 0,
    waiting: 0,
    released: 0,
  };
  for (;;) {
    const pass = await applyDueEvents(db, options);
    if (pass.claimed === 0) return total;
    for (const key of Object.keys(total) as (keyof EventPass)[]) total[key] += pass[key];
  }
}

/**
 * `stop()` takes no new claims, hands back the claimed events not started yet, lets the event being
 * applied finish, and resolves once every lane has returned.
 */
export type StripeEventWorker = { wake(): void; stop(): Promise<void> };

/** How often a waiting event looks again whether the deliveries in flight have finished. */
const GIVE_WAY_POLL_MS = 5;
/**
 * The longest an event waits for deliveries to finish, so that a steady stream cannot starve the
 * worker: per lane, times the number of lanes, so that under a stream the lanes together apply no more
 * than one would.
 */
const MAX_GIVE_WAY_MS = 200;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs passes until stopped: at once when woken (the webhook route stored an event) or while passes find
 * work, otherwise every `pollMs` (for retries, and for events another instance stored). `lanes` passes
 * run side by side (each claims its own events, SKIP LOCKED), so one event's Stripe round trip does not
 * hold up the rest. Errors are logged and the lanes carry on; their timers do not keep the process alive.
 *
 * It shares the server's event loop with the webhook route, and answering Stripe quickly matters more
 * than applying at once (Stripe times out slow endpoints, then retries and eventually disables them):
 * while `deliveriesInFlight()` is above zero, each event waits, at most MAX_GIVE_WAY_MS per lane.
 */
export function startStripeEventWorker(options: {
  getDb: () => Database;
  pollMs: number;
  lanes?: number;
  batchSize?: number;
  deliveriesInFlight?: () => number;
}): StripeEventWorker {
  let stopped = false;
  const laneCount = Math.max(1, options.lanes ?? 1);
  const inFlight = options.deliveriesInFlight ?? (() => 0);

  const giveWay = async () => {
    const until = Date.now() + MAX_GIVE_WAY_MS * laneCount;
    while (!stopped && inFlight() > 0 && Date.now() < until) await delay(GIVE_WAY_POLL_MS);
    // After a 429 every lane waits out the back-off before its next event (which may read Stripe).
    await waitOutRateLimit();
  };

  const waitOutRateLimit = async () => {
    for (let wait = stripePauseRemainingMs(); !stopped && wait > 0; wait = stripePauseRemainingMs()) {
      await delay(Math.min(wait, 250));
    }
  };

  function lane() {
    let woken = false;
    const nap = createNap();
    const running = (async () => {
      while (!stopped) {
        woken = false;
        let found = false;
        try {
          const pass = await applyDueEvents(options.getDb(), {
            batchSize: options.batchSize ?? 5,
            beforeEach: giveWay,
            stopping: () => stopped,
          });
          found = pass.claimed > 0;
        } catch (error) {
          logger.error("webhook worker pass failed", errorContext(error));
        }
        if (!stopped && !found && !woken) await nap.sleep(options.pollMs);
      }
    })();
    return {
      running,
      isSleeping: nap.isSleeping,
      wake() {
        woken = true;
        nap.wake();
      },
    };
  }

  const lanes = Array.from({ length: laneCount }, lane);
  // One delivery, one lane: a sleeping one if there is one; otherwise every lane looks once more
  // before it sleeps, so an event stored while all were busy is not left for the next poll.
  const wake = () => {
    const idle = lanes.find((l) => l.isSleeping());
    if (idle) idle.wake();
    else for (const l of lanes) l.wake();
  };

  return {
    wake,
    async stop() {
      stopped = true;
      for (const l of lanes) l.wake();
      await Promise.all(lanes.map((l) => l.running));
    },
  };
}
