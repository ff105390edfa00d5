import { describe, expect, it } from "vitest";
import { EVENT_MAX_AGE_MS, EVENT_MAX_ATTEMPTS, eventGivesUp, eventRetryDelayMs } from "./retry";

describe("eventRetryDelayMs", () => {
  it("doubles from ten seconds", () => {
    expect([1, 2, 3, 4].map(eventRetryDelayMs)).toEqual([10_000, 20_000, 40_000, 80_000]);
  });

  it("stays at an hour however many attempts failed", () => {
    expect(eventRetryDelayMs(10)).toBe(60 * 60_000);
    expect(eventRetryDelayMs(10_000)).toBe(60 * 60_000);
  });

  it("treats a first attempt that never counted as the first", () => {
    expect(eventRetryDelayMs(0)).toBe(10_000);
  });
});

describe("eventGivesUp", () => {
  const receivedAt = new Date("2026-03-01T12:00:00Z");
  const at = (ms: number) => new Date(receivedAt.getTime() + ms);

  it("keeps retrying within Stripe's three days, however many attempts failed", () => {
    expect(eventGivesUp({ attempts: 500, receivedAt, now: at(EVENT_MAX_AGE_MS - 1) })).toBe(false);
  });

  it("keeps retrying an old event that has not failed ten times (one retried by hand)", () => {
    expect(eventGivesUp({ attempts: 1, receivedAt, now: at(30 * EVENT_MAX_AGE_MS) })).toBe(false);
    expect(eventGivesUp({ attempts: EVENT_MAX_ATTEMPTS - 1, receivedAt, now: at(EVENT_MAX_AGE_MS) })).toBe(
      false,
    );
  });

  it("gives up once both bounds are reached", () => {
    expect(eventGivesUp({ attempts: EVENT_MAX_ATTEMPTS, receivedAt, now: at(EVENT_MAX_AGE_MS) })).toBe(true);
    expect(eventGivesUp({ attempts: 80, receivedAt, now: at(EVENT_MAX_AGE_MS + 1) })).toBe(true);
  });

  it("never gives up before ten hourly-ish attempts could have happened", () => {
    // With the backoff above, ten attempts take about 1.4 hours: far less than the age bound.
    const tenAttempts = Array.from({ length: 9 }, (_, i) => eventRetryDelayMs(i + 1)).reduce((a, b) => a + b);
    expect(tenAttempts).toBeLessThan(EVENT_MAX_AGE_MS);
  });
});
