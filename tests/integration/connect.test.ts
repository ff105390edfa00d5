import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import {
  connectStripeAction,
  disconnectStripeAction,
  refreshStripeAction,
} from "@/app/(dashboard)/settings/payments/actions";
import { GET as oauthCallback } from "@/app/api/stripe/oauth/callback/route";
import { getUserById } from "@/db/queries/users";
import { auditLog, oauthStates, type User } from "@/db/schema";
import { DEMO_ACCOUNT_GB, EMULATOR_CONNECT_CLIENT_ID } from "@/emulator";
import {
  type ConnectCallbackQuery,
  completeConnect,
  handleAccountRevoked,
  OAUTH_STATE_TTL_MS,
  oauthRedirectUri,
  startConnect,
} from "@/lib/stripe/connect";
import type { TestEmulator } from "../support/emulator";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

const h = integrationHarness();

const newUser = () => h.user();
const reload = async (user: User) => (await getUserById(h.db, user.id)) as User;

function stateOf(url: string): string {
  const state = new URL(url).searchParams.get("state");
  if (!state) throw new Error("no state in the authorize URL");
  return state;
}

async function newState(user: User, now?: Date) {
  return stateOf((await startConnect(h.db, { userId: user.id, now })).url);
}

/** A fresh authorization code, as if the user had clicked through the consent page. */
async function newCode(input: Parameters<TestEmulator["control"]["authorize"]>[0] = { create: {} }) {
  return h.emulator.control.authorize(input);
}

const complete = (user: User, query: ConnectCallbackQuery, now?: Date) =>
  completeConnect(h.db, { userId: user.id, query, now });

async function connectNewAccount(user: User, create: { charges_enabled?: boolean } = {}) {
  const { code, account } = await newCode({ create });
  const result = await complete(user, { state: await newState(user), code });
  expect(result.outcome).toBe("connected");
  return account;
}

async function auditOf(user: User) {
  return h.db.select().from(auditLog).where(eq(auditLog.userId, user.id)).orderBy(asc(auditLog.id));
}

async function emulatorAccount(id: string) {
  return (await h.emulator.control.listAccounts()).find((a) => a.id === id);
}

function callbackRequest(query: Record<string, string>) {
  const url = new URL(oauthRedirectUri());
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return new NextRequest(url);
}

/** A rejection must leave the User's row and audit log exactly as they were. */
async function expectNothingStored(user: User) {
  expect(await reload(user)).toEqual(user);
  expect(await auditOf(user)).toEqual([]);
}

describe("starting Connect", () => {
  it("builds the authorize URL and stores only a hash of a fresh 256-bit state, valid 10 minutes", async () => {
    const user = await newUser();
    const now = new Date("2026-11-02T10:00:00Z");
    const { url } = await startConnect(h.db, { userId: user.id, now });
    const parsed = new URL(url);
    expect(parsed.origin).toBe(h.emulator.url);
    expect(parsed.pathname).toBe("/oauth/authorize");
    expect(Object.fromEntries(parsed.searchParams)).toMatchObject({
      response_type: "code",
      client_id: EMULATOR_CONNECT_CLIENT_ID,
      scope: "read_write",
      redirect_uri: oauthRedirectUri(),
    });
    expect(oauthRedirectUri()).toMatch(/\/api\/stripe\/oauth\/callback$/);
    const state = stateOf(url);
    expect(Buffer.from(state, "base64url").length).toBeGreaterThanOrEqual(16);
    const rows = await h.db.select().from(oauthStates).where(eq(oauthStates.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.stateHash).toBe(createHash("sha256").update(state).digest("hex"));
    expect(rows[0]?.stateHash).not.toContain(state);
    expect(rows[0]?.expiresAt.getTime()).toBe(now.getTime() + OAUTH_STATE_TTL_MS);
    expect(rows[0]?.usedAt).toBeNull();
    expect(await newState(user)).not.toBe(state);
  });

  it("clears the User's expired states (only theirs) when it makes a new one", async () => {
    const user = await newUser();
    const other = await newUser();
    const old = new Date(Date.now() - 60 * 60_000);
    await newState(user, old);
    await newState(other, old);
    await newState(user);
    const rows = async (u: User) => h.db.select().from(oauthStates).where(eq(oauthStates.userId, u.id));
    expect(await rows(user)).toHaveLength(1);
    expect(await rows(other)).toHaveLength(1);
  });

  it("the action returns the URL for the signed-in User and refuses while an account is connected", async () => {
    const user = await newUser();
    signInAs(user.id);
    const result = await connectStripeAction({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(new URL(result.data.url).searchParams.get("stripe_user[email]")).toBe(user.email);
    await connectNewAccount(user);
    expect(await connectStripeAction({})).toMatchObject({ ok: false, error: { code: "conflict" } });
    signInAs(null);
    expect(await connectStripeAction({})).toMatchObject({ ok: false, error: { code: "unauthorized" } });
  });
});

describe("completing Connect", () => {
  it("exchanges the code, stores stripe_user_id with the account's details, and audits it", async () => {
    const user = await newUser();
    const { code } = await newCode({ account: DEMO_ACCOUNT_GB });
    const now = new Date();
    const result = await complete(user, { state: await newState(user, now), code }, now);
    expect(result.outcome).toBe("connected");
    expect(await reload(user)).toMatchObject({
      stripeAccountId: DEMO_ACCOUNT_GB,
      stripeConnectionStatus: "connected",
      stripeChargesEnabled: true,
      stripeDetailsSubmitted: true,
      stripeCountry: "GB",
      stripeDefaultCurrency: "gbp",
      stripeConnectedAt: now,
      stripeDisconnectedAt: null,
    });
    expect(await auditOf(user)).toMatchObject([
      { action: "stripe.connected", actor: "user", stripeIds: { account: DEMO_ACCOUNT_GB } },
    ]);
    expect((await emulatorAccount(DEMO_ACCOUNT_GB))?.connected).toBe(true);
  });

  it("stores an account that cannot take charges yet as such", async () => {
    const user = await newUser();
    const account = await connectNewAccount(user, { charges_enabled: false });
    expect(await reload(user)).toMatchObject({
      stripeAccountId: account,
      stripeConnectionStatus: "connected",
      stripeChargesEnabled: false,
      stripeDetailsSubmitted: false,
    });
  });

  describe("rejects the state and stores nothing when it is", () => {
    // Each case ends by redeeming the same code properly: it still works, so Stripe was never called.
    async function expectRejected(user: User, query: ConnectCallbackQuery, now?: Date) {
      const before = await reload(user);
      expect((await complete(user, query, now)).outcome).toBe("invalid_state");
      await expectNothingStored(before);
      if (query.code) {
        const retry = await complete(user, { state: await newState(user), code: query.code });
        expect(retry.outcome).toBe("connected");
      }
    }

    it("missing", async () => {
      const user = await newUser();
      await expectRejected(user, { code: (await newCode()).code });
    });

    it("unknown", async () => {
      const user = await newUser();
      await expectRejected(user, { state: "made-up-state-value", code: (await newCode()).code });
    });

    it("expired (10 minutes after it was made)", async () => {
      const user = await newUser();
      const t0 = new Date(Date.now() - 20 * 60_000);
      const expired = await newState(user, t0);
      const at = new Date(t0.getTime() + OAUTH_STATE_TTL_MS);
      await expectRejected(user, { state: expired, code: (await newCode()).code }, at);
      // A minute earlier the same kind of state was still good.
      const fresh = await newState(user, t0);
      const justInTime = new Date(at.getTime() - 60_000);
      const ok = await complete(user, { state: fresh, error: "access_denied" }, justInTime);
      expect(ok.outcome).toBe("denied");
    });

    it("reused", async () => {
      const user = await newUser();
      const state = await newState(user);
      const first = await complete(user, { state, code: (await newCode()).code });
      expect(first.outcome).toBe("connected");
      const before = await reload(user);
      const second = await complete(user, { state, code: (await newCode()).code });
      expect(second.outcome).toBe("invalid_state");
      expect(await reload(user)).toEqual(before);
    });

    it("another User's", async () => {
      const alice = await newUser();
      const bob = await newUser();
      const aliceState = await newState(alice);
      await expectRejected(bob, { state: aliceState, code: (await newCode()).code });
      expect(await reload(alice)).toMatchObject({ stripeAccountId: null });
    });

    it("used up by a denial", async () => {
      const user = await newUser();
      const state = await newState(user);
      expect((await complete(user, { state, error: "access_denied" })).outcome).toBe("denied");
      await expectRejected(user, { state, code: (await newCode()).code });
    });
  });

  it("access_denied (the User declined) stores nothing", async () => {
    const user = await newUser();
    const result = await complete(user, {
      state: await newState(user),
      error: "access_denied",
      error_description: "The user denied your request",
    });
    expect(result.outcome).toBe("denied");
    await expectNothingStored(user);
  });

  it("invalid_grant: an expired code stores nothing", async () => {
    const user = await newUser();
    const { code } = await newCode();
    await h.emulator.control.advance(5 * 60 + 1);
    expect((await complete(user, { state: await newState(user), code })).outcome).toBe("invalid_grant");
    await expectNothingStored(user);
  });

  it("invalid_grant: a code used twice stores nothing (and Stripe revokes the first connection)", async () => {
    const first = await newUser();
    const second = await newUser();
    const { code, account } = await newCode();
    expect((await complete(first, { state: await newState(first), code })).outcome).toBe("connected");
    expect((await complete(second, { state: await newState(second), code })).outcome).toBe("invalid_grant");
    await expectNothingStored(second);
    // Stripe ended the connection the code made; the first User's next refresh finds out.
    expect((await emulatorAccount(account))?.connected).toBe(false);
    signInAs(first.id);
    expect(await refreshStripeAction({})).toEqual({ ok: true, data: { outcome: "revoked" } });
    expect((await reload(first)).stripeConnectionStatus).toBe("disconnected");
  });

  it("an account already connected to another User is refused and nothing is stored", async () => {
    const owner = await newUser();
    const account = await connectNewAccount(owner);
    const other = await newUser();
    const { code } = await newCode({ account });
    expect((await complete(other, { state: await newState(other), code })).outcome).toBe("account_taken");
    await expectNothingStored(other);
    expect(await reload(owner)).toMatchObject({
      stripeAccountId: account,
      stripeConnectionStatus: "connected",
    });
  });

  it("an account another User has disconnected can be connected by whoever authorizes it", async () => {
    const previous = await newUser();
    const account = await connectNewAccount(previous);
    signInAs(previous.id);
    expect((await disconnectStripeAction({})).ok).toBe(true);
    const next = await newUser();
    const { code } = await newCode({ account });
    expect((await complete(next, { state: await newState(next), code })).outcome).toBe("connected");
    expect(await reload(next)).toMatchObject({
      stripeAccountId: account,
      stripeConnectionStatus: "connected",
    });
    expect(await reload(previous)).toMatchObject({
      stripeAccountId: null,
      stripeConnectionStatus: "disconnected",
    });
  });
});

describe("the callback route", () => {
  it("sends a signed-out browser to sign-in without touching the state", async () => {
    const user = await newUser();
    const state = await newState(user);
    const response = await oauthCallback(callbackRequest({ state, code: (await newCode()).code }));
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get("location") ?? "").pathname).toBe("/sign-in");
    const [row] = await h.db.select().from(oauthStates).where(eq(oauthStates.userId, user.id));
    expect(row?.usedAt).toBeNull();
  });

  it("redirects to the settings page with each outcome", async () => {
    const user = await newUser();
    signInAs(user.id);
    const go = async (query: Record<string, string>) => {
      const response = await oauthCallback(callbackRequest(query));
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get("location") ?? "");
      expect(location.pathname).toBe("/settings/payments");
      return location.searchParams.get("connect");
    };
    expect(await go({ code: "ac_whatever" })).toBe("invalid_state");
    expect(await go({ state: "x".repeat(600), code: "ac_whatever" })).toBe("invalid_state");
    expect(await go({ state: await newState(user), error: "access_denied" })).toBe("denied");
    expect(await go({ state: await newState(user), code: "ac_does_not_exist" })).toBe("invalid_grant");
    await expectNothingStored(user);
    const { code, account } = await newCode();
    expect(await go({ state: await newState(user), code, scope: "read_write" })).toBe("connected");
    expect((await reload(user)).stripeAccountId).toBe(account);
  });
});

describe("refresh", () => {
  it("re-reads the account from Stripe", async () => {
    const user = await newUser();
    const account = await connectNewAccount(user, { charges_enabled: false });
    await h.emulator.control.enableCharges(account);
    signInAs(user.id);
    expect(await refreshStripeAction({})).toEqual({ ok: true, data: { outcome: "refreshed" } });
    expect(await reload(user)).toMatchObject({ stripeChargesEnabled: true, stripeDetailsSubmitted: true });
  });

  it("a 403 (access revoked in Stripe) marks the User disconnected and audits it", async () => {
    const user = await newUser();
    const account = await connectNewAccount(user);
    await h.emulator.control.deauthorizeAccount(account);
    signInAs(user.id);
    expect(await refreshStripeAction({})).toEqual({ ok: true, data: { outcome: "revoked" } });
    const after = await reload(user);
    expect(after).toMatchObject({
      stripeAccountId: account,
      stripeConnectionStatus: "disconnected",
      stripeChargesEnabled: false,
    });
    expect(after.stripeDisconnectedAt).toBeInstanceOf(Date);
    expect((await auditOf(user)).map((e) => [e.action, e.actor])).toEqual([
      ["stripe.connected", "user"],
      ["stripe.disconnected", "stripe"],
    ]);
    expect(await refreshStripeAction({})).toMatchObject({ ok: false, error: { code: "bad_request" } });
  });
});

describe("disconnect", () => {
  it("deauthorizes the account at Stripe and marks the User disconnected", async () => {
    const user = await newUser();
    const account = await connectNewAccount(user);
    signInAs(user.id);
    expect(await disconnectStripeAction({})).toEqual({ ok: true, data: { outcome: "disconnected" } });
    expect((await emulatorAccount(account))?.connected).toBe(false);
    expect(await reload(user)).toMatchObject({
      stripeConnectionStatus: "disconnected",
      stripeChargesEnabled: false,
    });
    expect((await auditOf(user)).at(-1)).toMatchObject({ action: "stripe.disconnected", actor: "user" });
    expect(await disconnectStripeAction({})).toMatchObject({ ok: false, error: { code: "bad_request" } });
  });

  it("still marks the User disconnected when Stripe says the account is no longer connected", async () => {
    const user = await newUser();
    const account = await connectNewAccount(user);
    await h.emulator.control.deauthorizeAccount(account);
    signInAs(user.id);
    expect((await disconnectStripeAction({})).ok).toBe(true);
    expect((await reload(user)).stripeConnectionStatus).toBe("disconnected");
  });

  it("can connect again afterwards", async () => {
    const user = await newUser();
    const account = await connectNewAccount(user);
    signInAs(user.id);
    expect((await disconnectStripeAction({})).ok).toBe(true);
    const { code } = await newCode({ account });
    expect((await complete(user, { state: await newState(user), code })).outcome).toBe("connected");
    expect(await reload(user)).toMatchObject({
      stripeAccountId: account,
      stripeConnectionStatus: "connected",
    });
    expect((await disconnectStripeAction({})).ok).toBe(true);
    expect((await emulatorAccount(account))?.connected).toBe(false);
  });
});

describe("account.application.deauthorized (handleAccountRevoked)", () => {
  it("is idempotent and ignores an event older than the current connection", async () => {
    const user = await newUser();
    const account = await connectNewAccount(user);
    const connectedAt = (await reload(user)).stripeConnectedAt as Date;
    const stale = new Date(connectedAt.getTime() - 60_000);
    const ignored = await handleAccountRevoked(h.db, {
      accountId: account,
      at: stale,
      actor: "stripe",
      connectedBefore: stale,
    });
    expect(ignored.disconnectedUserIds).toEqual([]);
    expect((await reload(user)).stripeConnectionStatus).toBe("connected");
    const at = new Date();
    const args = { accountId: account, at, actor: "stripe" as const, connectedBefore: at };
    expect((await handleAccountRevoked(h.db, args)).disconnectedUserIds).toEqual([user.id]);
    expect((await handleAccountRevoked(h.db, args)).disconnectedUserIds).toEqual([]);
    const disconnects = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, user.id), eq(auditLog.action, "stripe.disconnected")));
    expect(disconnects).toHaveLength(1);
  });
});

describe("authorization", () => {
  it("User B's actions never touch User A's account", async () => {
    const alice = await newUser();
    const aliceAccount = await connectNewAccount(alice);
    const aliceBefore = await reload(alice);
    const bob = await newUser();
    signInAs(bob.id);
    // Bob has nothing connected; naming Alice's account in the input changes nothing.
    for (const action of [refreshStripeAction, disconnectStripeAction]) {
      expect(await action({ accountId: aliceAccount, userId: alice.id })).toMatchObject({
        ok: false,
        error: { code: "bad_request" },
      });
    }
    // Once Bob has his own account, his disconnect ends only his.
    const bobAccount = await connectNewAccount(bob);
    expect((await disconnectStripeAction({ accountId: aliceAccount })).ok).toBe(true);
    expect((await emulatorAccount(bobAccount))?.connected).toBe(false);
    expect((await emulatorAccount(aliceAccount))?.connected).toBe(true);
    expect(await reload(alice)).toEqual(aliceBefore);
    expect((await auditOf(alice)).map((e) => e.action)).toEqual(["stripe.connected"]);
  });

  it("signed out, the actions refuse", async () => {
    for (const action of [connectStripeAction, refreshStripeAction, disconnectStripeAction]) {
      expect(await action({})).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    }
  });
});
