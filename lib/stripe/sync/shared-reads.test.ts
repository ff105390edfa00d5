import { afterEach, describe, expect, it } from "vitest";
import {
  CLOCK_MARGIN_MS,
  forgetSharedStripeReads,
  readNewEnoughFrom,
  sharedReadStats,
  sharedStripeRead,
} from "./shared-reads";

afterEach(() => forgetSharedStripeReads());

// Events `created` at second 1000 (Stripe's clock); our clock in milliseconds, moved by the test.
const CREATED = 1_000;
const newEnough = (CREATED + 1) * 1000 + CLOCK_MARGIN_MS;
const from = (created: number) => readNewEnoughFrom({ created });

function counter() {
  let calls = 0;
  return { read: async () => ++calls, calls: () => calls };
}

describe("sharedStripeRead", () => {
  it("one read serves every event it started late enough for, across callers at once", async () => {
    const c = counter();
    const at = () => newEnough + 10;
    const results = await Promise.all([
      sharedStripeRead("pi:a:1", from(CREATED), c.read, at),
      sharedStripeRead("pi:a:1", from(CREATED - 60), c.read, at),
      sharedStripeRead("pi:a:1", from(CREATED), c.read, at),
    ]);
    expect(results).toEqual([1, 1, 1]);
    expect(c.calls()).toBe(1);
    expect(sharedReadStats()).toEqual({ reads: 1, shared: 2 });
  });

  it("never serves an event newer than the read (or within the clock margin of it): that one reads", async () => {
    const c = counter();
    const first = await sharedStripeRead("pi:a:1", from(CREATED), c.read, () => newEnough - 1);
    // The first read started before the event was surely visible: not even its own event's later copy shares it.
    const second = await sharedStripeRead("pi:a:1", from(CREATED), c.read, () => newEnough);
    const laterEvent = await sharedStripeRead("pi:a:1", from(CREATED + 30), c.read, () => newEnough + 1);
    expect([first, second, laterEvent]).toEqual([1, 2, 3]);
  });

  it("keeps different objects apart, and a finished read only for a short while", async () => {
    const c = counter();
    const t = newEnough + 10;
    await sharedStripeRead("pi:a:1", from(CREATED), c.read, () => t);
    expect(await sharedStripeRead("pi:a:2", from(CREATED), c.read, () => t)).toBe(2);
    expect(await sharedStripeRead("pi:a:1", from(CREATED), c.read, () => t + 5_000)).toBe(1);
    expect(await sharedStripeRead("pi:a:1", from(CREATED), c.read, () => t + 60_000)).toBe(3);
  });

  it("a read started after we received the event serves it, whatever Stripe's clock says", async () => {
    const c = counter();
    const receivedAt = new Date(newEnough - 3_000);
    const event = { created: CREATED };
    expect(readNewEnoughFrom(event, receivedAt)).toBe(receivedAt.getTime());
    // Never later than the bound from `created`: both are moments after the change.
    expect(readNewEnoughFrom(event, new Date(newEnough + 60_000))).toBe(newEnough);
    const first = await sharedStripeRead("pi:a:1", readNewEnoughFrom(event, receivedAt), c.read, () =>
      receivedAt.getTime(),
    );
    const second = await sharedStripeRead(
      "pi:a:1",
      readNewEnoughFrom(event, receivedAt),
      c.read,
      () => receivedAt.getTime() + 5,
    );
    // An event received after that read started needs its own.
    const later = new Date(receivedAt.getTime() + 1);
    const third = await sharedStripeRead(
      "pi:a:1",
      readNewEnoughFrom(event, later),
      c.read,
      () => later.getTime() + 10,
    );
    expect([first, second, third]).toEqual([1, 1, 2]);
  });

  it("does not share a failed read: the next event tries its own", async () => {
    let calls = 0;
    const failing = async () => {
      calls += 1;
      if (calls === 1) throw new Error("Stripe unavailable");
      return calls;
    };
    const t = () => newEnough + 10;
    await expect(sharedStripeRead("pi:a:1", from(CREATED), failing, t)).rejects.toThrow("Stripe unavailable");
    expect(await sharedStripeRead("pi:a:1", from(CREATED), failing, t)).toBe(2);
  });
});
