import { describe, expect, it } from "vitest";
import { rateLimits } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { FREE_ATTEMPTS } from "@/lib/auth/throttle";
import { consume, type Policy } from "@/lib/rate-limit/limiter";
import { POLICIES } from "@/lib/rate-limit/policies";
import { openSecondInstance } from "../support/db";
import { TEST_PASSWORD } from "../support/fixtures";
import { integrationHarness } from "../support/harness";

const h = integrationHarness({ emulator: false });

const at = (t0: Date, ms: number) => new Date(t0.getTime() + ms);
const signIn = (email: string, password: string, clientAddress: string, now: Date) =>
  authenticate(h.db, { email, password, clientAddress }, now);

describe("sign-in limits", () => {
  it("a stranger's failures slow the email down but never lock the owner out", async () => {
    const user = await h.user();
    const t0 = new Date("2026-11-26T10:00:00Z");
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      expect(await signIn(user.email, `wrong-${i}`, "203.0.113.9", t0)).toMatchObject({ reason: "invalid" });
    }
    // The stranger keeps guessing: a few tries an hour from that address, then nothing.
    for (let i = 0; i < POLICIES.lockedEmailTriesPerClient.limit; i++) {
      expect(await signIn(user.email, `guess-${i}`, "203.0.113.9", at(t0, 1000))).toMatchObject({
        reason: "invalid",
      });
    }
    const stopped = await signIn(user.email, TEST_PASSWORD, "203.0.113.9", at(t0, 2000));
    expect(stopped).toMatchObject({ ok: false, reason: "throttled" });
    if (!stopped.ok && stopped.reason === "throttled") expect(stopped.waitMs).toBeGreaterThan(0);

    // The owner, from their own address, signs in with the right password meanwhile.
    expect(await signIn(user.email, TEST_PASSWORD, "198.51.100.7", at(t0, 3000))).toMatchObject({ ok: true });
  });

  it("counts failures per client address across many emails", async () => {
    const victim = await h.user();
    const t0 = new Date("2026-11-26T11:00:00Z");
    const attacker = "192.0.2.55";
    for (let i = 0; i < POLICIES.signInFailuresPerClient.limit; i++) {
      await signIn(`nobody-${i}@example.test`, "Password-guess-1", attacker, t0);
    }
    const refused = await signIn(victim.email, TEST_PASSWORD, attacker, at(t0, 1000));
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    if (!refused.ok && refused.reason === "throttled") {
      expect(refused.waitMs).toBe(POLICIES.signInFailuresPerClient.windowMs - 1000);
    }
    expect(await signIn(victim.email, TEST_PASSWORD, "198.51.100.8", at(t0, 1000))).toMatchObject({
      ok: true,
    });
    // The window ends and the address is welcome again.
    const after = at(t0, POLICIES.signInFailuresPerClient.windowMs + 1);
    expect(await signIn(victim.email, TEST_PASSWORD, attacker, after)).toMatchObject({ ok: true });
  });
});

describe("the limiter's table", () => {
  it("sweeps ended windows as new ones start, and keeps live ones", async () => {
    const policy: Policy = { name: "test-sweep", limit: 5, windowMs: 60_000 };
    const t0 = new Date("2026-11-26T14:00:00Z");
    for (let i = 0; i < 20; i++) await consume(h.db, policy, `old-${i}`, t0);
    await consume(h.db, policy, "live", new Date(t0.getTime() + 100_000));
    await consume(h.db, policy, "new", new Date(t0.getTime() + 120_000));
    const keys = (await h.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
    expect(keys.filter((k) => k.startsWith("test-sweep:old-"))).toEqual([]);
    expect(keys).toEqual(expect.arrayContaining(["test-sweep:live", "test-sweep:new"]));
  });
});

describe("the limiter across app instances on one database", () => {
  const policy: Policy = { name: "test-burst", limit: 10, windowMs: 60_000 };

  it("allows exactly the limit when two instances are hit at once", async () => {
    const other = openSecondInstance(h.handle);
    try {
      const now = new Date("2026-11-26T12:00:00Z");
      const decisions = await Promise.all(
        Array.from({ length: 40 }, (_, i) => consume(i % 2 === 0 ? h.db : other.db, policy, "link-1", now)),
      );
      expect(decisions.filter((d) => d.allowed)).toHaveLength(policy.limit);
      const refused = decisions.find((d) => !d.allowed);
      expect(refused).toEqual({ allowed: false, retryAfterMs: 60_000 });
      // A different subject has its own count; the next window starts afresh on either instance.
      expect(await consume(other.db, policy, "link-2", now)).toEqual({ allowed: true });
      expect(await consume(h.db, policy, "link-1", new Date(now.getTime() + 60_000))).toEqual({
        allowed: true,
      });
    } finally {
      await other.close();
    }
  });

  it("enforces sign-in limits counted on one instance when checked on the other", async () => {
    const other = openSecondInstance(h.handle);
    try {
      const user = await h.user();
      const t0 = new Date("2026-11-26T13:00:00Z");
      const client = "192.0.2.77";
      for (let i = 0; i < POLICIES.signInFailuresPerClient.limit; i++) {
        const db = i % 2 === 0 ? h.db : other.db;
        await authenticate(
          db,
          { email: `x-${i}@example.test`, password: "nope-nope-1", clientAddress: client },
          t0,
        );
      }
      for (const db of [h.db, other.db]) {
        expect(
          await authenticate(db, { email: user.email, password: TEST_PASSWORD, clientAddress: client }, t0),
        ).toMatchObject({ reason: "throttled" });
      }
    } finally {
      await other.close();
    }
  });
});
