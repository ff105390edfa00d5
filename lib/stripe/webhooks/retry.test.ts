import { describe, expect, it } from "vitest";
import { eventRetryDelayMs } from "./retry";

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
