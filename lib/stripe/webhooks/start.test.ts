import { describe, expect, it } from "vitest";
import { GIVE_WAY_TO_DELIVERIES_YOUNGER_THAN_MS, recentDeliveriesInFlight, whileDelivering } from "./start";

describe("the deliveries the worker gives way to", () => {
  it("counts a delivery while it runs, and stops once it is older than the give-way window (a hung one)", async () => {
    let finish: () => void = () => {};
    const hung = whileDelivering(() => new Promise<void>((resolve) => (finish = resolve)));
    const now = performance.now();
    expect(recentDeliveriesInFlight(now)).toBe(1);
    // Still in flight, but too old to be worth waiting for: the worker no longer slows down for it.
    expect(recentDeliveriesInFlight(now + GIVE_WAY_TO_DELIVERIES_YOUNGER_THAN_MS + 1)).toBe(0);
    finish();
    await hung;
    expect(recentDeliveriesInFlight()).toBe(0);
  });

  it("forgets a delivery that failed", async () => {
    await expect(whileDelivering(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(recentDeliveriesInFlight()).toBe(0);
  });
});
