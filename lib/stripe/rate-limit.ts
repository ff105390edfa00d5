import Stripe from "stripe";

// Stripe's 429s ("Rate limits", https://docs.stripe.com/rate-limits): the SDK does not retry them (only
// connection errors, 409s and 5xx), so the webhook worker does, slowly. This module holds the process's
// view: when the last 429 came, how long every lane waits before its next Stripe read, and the figures
// readiness reports. Pure apart from that one holder, so the back-off schedule is unit-tested.

/** First wait after a 429, and the most any wait grows to. */
export const RATE_LIMIT_BASE_MS = 1_000;
export const RATE_LIMIT_MAX_MS = 30_000;
/** Readiness calls the app rate-limited while a 429 came within this window. */
const RECENT_MS = 60_000;

export function isStripeRateLimited(error: unknown): error is Stripe.errors.StripeError {
  if (error instanceof Stripe.errors.StripeRateLimitError) return true;
  return error instanceof Stripe.errors.StripeError && error.statusCode === 429;
}

/** Which of Stripe's limiters refused (its `Stripe-Rate-Limited-Reason` header), if it said. */
export function rateLimitReason(error: Stripe.errors.StripeError): string | null {
  const value = error.headers?.["stripe-rate-limited-reason"];
  return typeof value === "string" && value.length > 0 ? value.slice(0, 40) : null;
}

/**
 * How long to wait after the `consecutive`-th 429 in a row: exponential from a second up to 30 s, with
 * "equal jitter" (between half and all of it) so that lanes and instances that were refused together do
 * not come back together. A `Retry-After` from Stripe (seconds) is honoured as the least wait.
 */
export function rateLimitBackoffMs(
  consecutive: number,
  retryAfterHeader: string | undefined,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(0, consecutive - 1), 10);
  const ceiling = Math.min(RATE_LIMIT_BASE_MS * 2 ** exponent, RATE_LIMIT_MAX_MS);
  const jittered = Math.round(ceiling / 2 + (ceiling / 2) * random());
  const retryAfterSeconds = Number(retryAfterHeader);
  const floor = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : 0;
  return Math.min(Math.max(jittered, floor), RATE_LIMIT_MAX_MS * 2);
}

type State = {
  consecutive: number;
  pausedUntil: number;
  lastAt: number | null;
  lastReason: string | null;
  recent: number[];
  total: number;
};

const holder = globalThis as typeof globalThis & { __sixthdeskStripeRateLimit?: State };

function state(): State {
  holder.__sixthdeskStripeRateLimit ??= {
    consecutive: 0,
    pausedUntil: 0,
    lastAt: null,
    lastReason: null,
    recent: [],
    total: 0,
  };
  return holder.__sixthdeskStripeRateLimit;
}

/** Records a 429 and returns how long to wait before the next Stripe call (every lane waits it). */
export function noteStripeRateLimited(error: Stripe.errors.StripeError, now = Date.now()): number {
  const s = state();
  s.consecutive += 1;
  const retryAfter = error.headers?.["retry-after"];
  const waitMs = rateLimitBackoffMs(s.consecutive, typeof retryAfter === "string" ? retryAfter : undefined);
  s.pausedUntil = Math.max(s.pausedUntil, now + waitMs);
  s.lastAt = now;
  s.lastReason = rateLimitReason(error);
  s.recent = [...s.recent.filter((t) => t > now - RECENT_MS), now];
  s.total += 1;
  return waitMs;
}

/** A Stripe read went through: the next 429 starts the schedule again from a second. */
export function noteStripeCallAdmitted(): void {
  const s = state();
  if (s.consecutive !== 0) s.consecutive = 0;
}

/** Milliseconds until Stripe calls may resume in this process (0: now). */
export function stripePauseRemainingMs(now = Date.now()): number {
  return Math.max(0, state().pausedUntil - now);
}

export type StripeRateLimitFigures = {
  /** A 429 came from Stripe within the last minute. */
  limited: boolean;
  /** 429s in the last minute, and since the process started. */
  lastMinute: number;
  total: number;
  /** Seconds the worker still waits before its next Stripe read. */
  pausedSeconds: number;
  lastAt: string | null;
  lastReason: string | null;
};

export function stripeRateLimitFigures(now = Date.now()): StripeRateLimitFigures {
  const s = state();
  const lastMinute = s.recent.filter((t) => t > now - RECENT_MS).length;
  return {
    limited: lastMinute > 0,
    lastMinute,
    total: s.total,
    pausedSeconds: Math.ceil(stripePauseRemainingMs(now) / 1000),
    lastAt: s.lastAt === null ? null : new Date(s.lastAt).toISOString(),
    lastReason: s.lastReason,
  };
}

/** Tests only: forget every 429. */
export function resetStripeRateLimitState(): void {
  holder.__sixthdeskStripeRateLimit = undefined;
}
