import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  continueOnboardingAction,
  createStripeAccountAction,
  disconnectStripeAction,
} from "@/app/(dashboard)/settings/payments/actions";
import { GET as refreshRoute } from "@/app/api/stripe/onboarding/refresh/route";
import { GET as returnRoute } from "@/app/api/stripe/onboarding/return/route";
import { getUserById } from "@/db/queries/users";
import { auditLog, type User } from "@/db/schema";
import { preparePaymentIntent } from "@/lib/payments/intent";
import { accountCreationKey, createConnectedAccount } from "@/lib/stripe/connect";
import { accountEvents } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";
import { deliverAndApply } from "../support/webhooks";

const h = integrationHarness({ webhooks: "file" });

const reload = async (user: User) => (await getUserById(h.db, user.id)) as User;

/** Opens Stripe-hosted onboarding (the link's one visit) and submits an outcome, as the seller would. */
async function onboard(url: string, outcome: "complete" | "details_due" | "past_due_later" | "rejected") {
  const html = await (await fetch(url)).text();
  const session = /name="session" value="([^"]+)"/.exec(html)?.[1];
  if (!session) throw new Error("no onboarding form");
  const response = await fetch(url, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ session, outcome }),
  });
  expect(response.headers.get("location")).toBe("http://localhost:3000/api/stripe/onboarding/return");
}

async function createFor(user: User, country = "GB") {
  signInAs(user.id);
  const result = await createStripeAccountAction({ country });
  if (!result.ok) throw new Error(result.error.message);
  return { url: result.data.url, user: await reload(user) };
}

/** The seller comes back through return_url (signed in as them). */
async function comeBack(user: User) {
  signInAs(user.id);
  const response = await returnRoute();
  return response.headers.get("location");
}

async function accountCount() {
  return (await h.emulator.control.listAccounts()).length;
}

describe("Create my Stripe account", () => {
  it("creates an account with controller properties and sends the seller to hosted onboarding", async () => {
    const seller = await h.user({ businessName: "Fresh Bakery" });
    const { url, user } = await createFor(seller, "GB");
    expect(url).toMatch(new RegExp(`/setup/c/${user.stripeAccountId}/`));
    expect(user).toMatchObject({
      stripeConnectionStatus: "connected",
      stripeAccountOrigin: "platform",
      stripeChargesEnabled: false,
      stripeDetailsSubmitted: false,
      stripeCardPayments: "inactive",
      stripeCountry: "GB",
      stripeDefaultCurrency: "gbp",
    });
    expect(user.stripeRequirements?.currentlyDue).toContain("external_account");
    const account = await h.emulator.control.accountObject(user.stripeAccountId ?? "");
    expect(account).toMatchObject({
      email: seller.email,
      business_profile: { name: "Fresh Bakery" },
      controller: {
        fees: { payer: "account" },
        losses: { payments: "stripe" },
        requirement_collection: "stripe",
        stripe_dashboard: { type: "full" },
      },
      metadata: { sixthdesk_user_id: seller.id },
    });
    const audit = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.userId, seller.id), eq(auditLog.action, "stripe.account_created")));
    expect(audit).toHaveLength(1);
  });

  it("makes exactly one account per User under concurrent requests and double clicks", async () => {
    const seller = await h.user();
    const before = await accountCount();
    // Open the pool's connections first (on PostgreSQL), so the requests really overlap instead of
    // the first finishing while the others still connect.
    await Promise.all(Array.from({ length: 5 }, () => h.db.execute(sql`select pg_sleep(0.05)`)));
    const results = await Promise.all(
      Array.from({ length: 5 }, () => createConnectedAccount(h.db, { userId: seller.id, country: "GB" })),
    );
    expect(new Set(results.map((r) => r.accountId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    signInAs(seller.id);
    const clicks = await Promise.all([
      createStripeAccountAction({ country: "GB" }),
      createStripeAccountAction({ country: "GB" }),
    ]);
    expect(clicks.every((c) => c.ok)).toBe(true);
    expect(await accountCount()).toBe(before + 1);
    expect((await reload(seller)).stripeAccountId).toBe(results[0]?.accountId);
  });

  it("stores the account Stripe made for an earlier attempt whose write failed (same idempotency key)", async () => {
    const seller = await h.user();
    // The earlier attempt reached Stripe but nothing was stored.
    const earlier = await h.stripe.accounts.create(
      {
        controller: {
          fees: { payer: "account" },
          losses: { payments: "stripe" },
          requirement_collection: "stripe",
          stripe_dashboard: { type: "full" },
        },
        country: "GB",
        email: seller.email,
        business_profile: { name: seller.businessName },
        capabilities: { card_payments: { requested: true } },
        metadata: { sixthdesk_user_id: seller.id },
      },
      { idempotencyKey: accountCreationKey(seller) },
    );
    const { user } = await createFor(seller);
    expect(user.stripeAccountId).toBe(earlier.id);
  });

  it("refuses a hostile or unknown country and a User already connected through OAuth, changing nothing", async () => {
    const seller = await h.user();
    signInAs(seller.id);
    for (const country of ["ZZ", "<script>", "", "gb "]) {
      const result = await createStripeAccountAction({ country });
      expect(result).toMatchObject({ ok: false, error: { code: "validation" } });
    }
    expect(await reload(seller)).toMatchObject({ stripeAccountId: null, stripeConnectionStatus: null });

    const oauth = await h.seller();
    signInAs(oauth.user.id);
    const before = await accountCount();
    const result = await createStripeAccountAction({ country: "GB" });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await reload(oauth.user)).toEqual(oauth.user);
    expect(await accountCount()).toBe(before);
  });

  it("continue and refresh make fresh links only for the signed-in User's own created account", async () => {
    const owner = await h.user();
    const { url } = await createFor(owner);
    signInAs(owner.id);
    const refreshed = (await refreshRoute()).headers.get("location") ?? "";
    expect(refreshed).toMatch(/\/setup\/c\/acct_/);
    expect(refreshed).not.toBe(url);
    const again = await continueOnboardingAction({});
    expect(again.ok && again.data.url).toMatch(/\/setup\/c\/acct_/);

    // Another User has no created account: nothing to continue, and no link to the owner's.
    const stranger = await h.user();
    signInAs(stranger.id);
    expect(await continueOnboardingAction({})).toMatchObject({ ok: false, error: { code: "bad_request" } });
    expect((await refreshRoute()).headers.get("location")).toBe("http://localhost:3000/settings/payments");
    // An OAuth account cannot be onboarded by us either.
    const oauth = await h.seller();
    signInAs(oauth.user.id);
    expect(await continueOnboardingAction({})).toMatchObject({ ok: false, error: { code: "bad_request" } });
  });

  it("cannot disconnect an account SixthDesk created (Stripe keeps it linked)", async () => {
    const { user } = await createFor(await h.user());
    const result = await disconnectStripeAction({});
    expect(result).toMatchObject({ ok: false, error: { code: "bad_request" } });
    expect((await reload(user)).stripeConnectionStatus).toBe("connected");
  });
});

describe("gating payments on the card_payments capability and charges_enabled", () => {
  it("return_url never assumes completion: verifying blocks payments, account.updated then enables them", async () => {
    const { url, user } = await createFor(await h.user());
    const invoice = await h.sentInvoice(user);
    await expect(preparePaymentIntent(h.db, invoice)).rejects.toThrow(/cannot accept card payments/);

    await onboard(url, "complete");
    expect(await comeBack(user)).toBe("http://localhost:3000/settings/payments?onboarding=returned");
    expect(await reload(user)).toMatchObject({
      stripeDetailsSubmitted: true,
      stripeChargesEnabled: false,
      stripeCardPayments: "pending",
    });
    await expect(preparePaymentIntent(h.db, invoice)).rejects.toThrow(/cannot accept card payments/);

    // Stripe verifies; account.updated (webhook) brings the news.
    await h.emulator.control.settle();
    await h.emulator.control.waitForDeliveries(10_000);
    expect(await reload(user)).toMatchObject({
      stripeChargesEnabled: true,
      stripeCardPayments: "active",
      stripePayoutsEnabled: true,
      stripeRequirements: { currentlyDue: [], pastDue: [], disabledReason: null },
    });
    const prepared = await preparePaymentIntent(h.db, invoice);
    expect(prepared.stripeAccount).toBe(user.stripeAccountId);
  });

  it("account.updated replayed late or out of order cannot turn payments back off (Stripe is re-read)", async () => {
    const { url, user } = await createFor(await h.user());
    await onboard(url, "complete");
    await h.emulator.control.settle();
    await h.emulator.control.waitForDeliveries(10_000);
    const events = await accountEvents(h.emulator, user.stripeAccountId ?? "", ["account.updated"]);
    // The "pending" event carries card_payments: pending and charges off; replay it, then all in reverse.
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const event of [...events].reverse()) await deliverAndApply({ ...event, id: `${event.id}_late` });
    expect(await reload(user)).toMatchObject({ stripeChargesEnabled: true, stripeCardPayments: "active" });
  });

  it("leaving details due keeps payments off and lists what is missing", async () => {
    const { url, user } = await createFor(await h.user());
    await onboard(url, "details_due");
    await comeBack(user);
    const after = await reload(user);
    expect(after).toMatchObject({ stripeChargesEnabled: false, stripeDetailsSubmitted: false });
    expect(after.stripeRequirements?.currentlyDue).toContain("external_account");
    await expect(preparePaymentIntent(h.db, await h.sentInvoice(user))).rejects.toThrow(/cannot accept/);
  });

  it("an account that gains a requirement keeps taking payments until its deadline, then stops", async () => {
    const { url, user } = await createFor(await h.user());
    await onboard(url, "past_due_later");
    await h.emulator.control.settle();
    await h.emulator.control.waitForDeliveries(10_000);
    const due = await reload(user);
    expect(due).toMatchObject({ stripeChargesEnabled: true, stripeCardPayments: "active" });
    expect(due.stripeRequirements?.currentlyDue).toEqual(["individual.verification.document"]);
    expect(due.stripeRequirements?.currentDeadline).toEqual(expect.any(Number));
    const invoice = await h.sentInvoice(user);
    await preparePaymentIntent(h.db, invoice);

    await h.emulator.control.advance(14 * 24 * 3600);
    await h.emulator.control.waitForDeliveries(10_000);
    const past = await reload(user);
    expect(past).toMatchObject({ stripeChargesEnabled: false, stripeCardPayments: "inactive" });
    expect(past.stripeRequirements).toMatchObject({
      pastDue: ["individual.verification.document"],
      disabledReason: "requirements.past_due",
    });
    await expect(preparePaymentIntent(h.db, invoice)).rejects.toThrow(/cannot accept card payments/);
  });

  it("a rejected account never takes payments", async () => {
    const { url, user } = await createFor(await h.user());
    await onboard(url, "rejected");
    await h.emulator.control.settle();
    await h.emulator.control.waitForDeliveries(10_000);
    await comeBack(user);
    expect((await reload(user)).stripeRequirements?.disabledReason).toBe("rejected.other");
    await expect(preparePaymentIntent(h.db, await h.sentInvoice(user))).rejects.toThrow(/cannot accept/);
  });

  it("charges_enabled alone is not enough when card_payments is not active (an OAuth account too)", async () => {
    const oauth = await h.seller();
    const invoice = await h.sentInvoice(oauth.user);
    await h.emulator.control.requireField(oauth.accountId, { field: "company.tax_id", deadline_seconds: 0 });
    await h.emulator.control.waitForDeliveries(10_000);
    expect(await reload(oauth.user)).toMatchObject({
      stripeChargesEnabled: false,
      stripeCardPayments: "inactive",
    });
    await expect(preparePaymentIntent(h.db, invoice)).rejects.toThrow(/cannot accept card payments/);
  });
});
