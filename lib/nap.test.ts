import { describe, expect, it } from "vitest";
import { createNap } from "./nap";

describe("createNap", () => {
  it("sleeps until woken, and says whether it sleeps", async () => {
    const nap = createNap();
    expect(nap.isSleeping()).toBe(false);
    const started = Date.now();
    const sleeping = nap.sleep(60_000);
    expect(nap.isSleeping()).toBe(true);
    nap.wake();
    await sleeping;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(nap.isSleeping()).toBe(false);
  });

  it("ends a sleep when its time is up, and a wake with nobody asleep does nothing", async () => {
    const nap = createNap();
    nap.wake();
    await nap.sleep(5);
    expect(nap.isSleeping()).toBe(false);
  });
});
