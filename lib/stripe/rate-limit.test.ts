import Stripe from "stripe";

type RawError = ConstructorParameters<typeof Stripe.errors.StripeRateLimitError>[0];

import { afterEach, describe, expect, it } from "vitest";
import {
  isStripeRateLimited,
  noteStripeCallAdmitted,
  noteStripeRateLimited,
  rateLimitBackoffMs,
  resetStripeRateLimitState,
  stripePauseRemainingMs,
  stripeRateLimitFigures,
} from "./rate-limit";

function error429(headers: Record<string, string> = {}) {
  return new Stripe.errors.StripeRateLimitError({
    type: "invalid_request_error",
    code: "rate_limit",
    message: "Too many requests hit the API too quickly.",
    statusCode: 429,
    headers: { "stripe-rate-limited-reason": "endpoint-rate", ...headers },
  } as RawError);
}

afterEach(() => resetStripeRateLimitState());

describe("back-off after Stripe's 429", () => {
  it("doubles from a second to at most 30 s, jittered between half and all of it", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => rateLimitBackoffMs(n, undefined, () => 1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
    expect(rateLimitBackoffMs(1, undefined, () => 0)).toBe(500);
    expect(rateLimitBackoffMs(5, undefined, () => 0)).toBe(8_000);
    expect(rateLimitBackoffMs(10_000, undefined, () => 0.5)).toBe(22_500);
  });

  it("waits at least what Retry-After says, within reason; ignores nonsense", () => {
    expect(rateLimitBackoffMs(1, "5", () => 0)).toBe(5_000);
    expect(rateLimitBackoffMs(1, "3600", () => 0)).toBe(60_000);
    expect(rateLimitBackoffMs(1, "soon", () => 0)).toBe(500);
    expect(rateLimitBackoffMs(1, "-3", () => 0)).toBe(500);
  });

  it("tells a 429 from other Stripe errors", () => {
    expect(isStripeRateLimited(error429())).toBe(true);
    expect(isStripeRateLimited(new Error("429"))).toBe(false);
    const api = new Stripe.errors.StripeAPIError({
      message: "boom",
      statusCode: 500,
    } as RawError);
    expect(isStripeRateLimited(api)).toBe(false);
  });

  it("pauses the process, grows with consecutive 429s, starts over once a call goes through", () => {
    const now = 1_000_000;
    const first = noteStripeRateLimited(error429(), now);
    expect(first).toBeGreaterThanOrEqual(500);
    expect(first).toBeLessThanOrEqual(1_000);
    expect(stripePauseRemainingMs(now)).toBe(first);
    const second = noteStripeRateLimited(error429(), now);
    expect(second).toBeGreaterThanOrEqual(1_000);
    noteStripeCallAdmitted();
    expect(noteStripeRateLimited(error429(), now)).toBeLessThanOrEqual(1_000);
    expect(stripeRateLimitFigures(now)).toMatchObject({
      limited: true,
      lastMinute: 3,
      total: 3,
      lastReason: "endpoint-rate",
    });
    // A minute later the app is no longer called rate-limited; the total stays.
    expect(stripeRateLimitFigures(now + 61_000)).toMatchObject({
      limited: false,
      lastMinute: 0,
      total: 3,
      pausedSeconds: 0,
    });
  });
});
