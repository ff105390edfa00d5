import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNT_GB, EMULATOR_CONNECT_CLIENT_ID } from "../constants";
import { failure, startReceiver, startTestEmulator, type TestEmulator } from "./helpers";

let t: TestEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  t = await startTestEmulator();
  receiver = await startReceiver();
  await t.running.control.registerWebhookEndpoint({ url: receiver.url });
});
afterAll(async () => {
  await receiver.close();
  await t.running.close();
});

const CONTROLLER = {
  fees: { payer: "account" as const },
  losses: { payments: "stripe" as const },
  requirement_collection: "stripe" as const,
  stripe_dashboard: { type: "full" as const },
};
const URLS = { refresh_url: "http://localhost:3000/refresh", return_url: "http://localhost:3000/return" };

function createAccount(idempotencyKey?: string) {
  return t.stripe.accounts.create(
    { controller: CONTROLLER, country: "GB", email: "seller@example.test" },
    idempotencyKey ? { idempotencyKey } : {},
  );
}

/** Opens the hosted page (first visit uses the link up) and submits an outcome; returns where it went. */
async function onboard(url: string, outcome: string): Promise<string> {
  const html = await (await fetch(url, { redirect: "manual" })).text();
  const session = /name="session" value="([^"]+)"/.exec(html)?.[1] ?? "";
  expect(session).not.toBe("");
  const response = await fetch(url, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ session, outcome }),
  });
  expect(response.status).toBe(302);
  return response.headers.get("location") ?? "";
}

async function accountUpdates(id: string): Promise<Stripe.Event[]> {
  await t.running.control.waitForDeliveries();
  return receiver.events().filter((e) => e.type === "account.updated" && e.account === id);
}

describe("accounts.create with controller properties", () => {
  it("creates an account Stripe still has to onboard: no charges, card_payments inactive, requirements past due", async () => {
    const account = await createAccount();
    expect(account).toMatchObject({
      object: "account",
      country: "GB",
      default_currency: "gbp",
      email: "seller@example.test",
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      controller: { type: "application", is_controller: true, stripe_dashboard: { type: "full" } },
      capabilities: { card_payments: "inactive" },
      requirements: { disabled_reason: "requirements.past_due" },
    });
    expect(account.requirements?.currently_due).toContain("external_account");
    // The platform can act on it at once.
    expect((await t.stripe.accounts.retrieve(account.id)).id).toBe(account.id);
  });

  it("the same idempotency key gives the same account, not a second one", async () => {
    const a = await createAccount("account:create:user-1");
    const b = await createAccount("account:create:user-1");
    expect(b.id).toBe(a.id);
  });

  it("refuses controller combinations Stripe does not offer, type with controller, and a connected account acting", async () => {
    const mixed = await failure(
      t.stripe.accounts.create({ controller: { ...CONTROLLER, fees: { payer: "application" } } }),
    );
    expect(mixed).toMatchObject({ statusCode: 400, param: "controller[fees][payer]" });
    const both = await failure(t.stripe.accounts.create({ type: "standard", controller: CONTROLLER }));
    expect(both).toMatchObject({ statusCode: 400, param: "type" });
    const country = await failure(t.stripe.accounts.create({ controller: CONTROLLER, country: "ZZ" }));
    expect(country).toMatchObject({ statusCode: 400, code: "country_unsupported" });
    const created = await createAccount();
    const deauthorize = await failure(
      t.stripe.oauth.deauthorize({ client_id: EMULATOR_CONNECT_CLIENT_ID, stripe_user_id: created.id }),
    );
    expect(deauthorize.message).toMatch(/no_deauth_on_controlled_account/);
    expect((await t.stripe.accounts.retrieve(created.id)).id).toBe(created.id);
    const asConnected = await failure(
      t.stripe.accounts.create({ controller: CONTROLLER }, { stripeAccount: DEMO_ACCOUNT_GB }),
    );
    expect(asConnected.statusCode).toBe(403);
  });
});

describe("account_links.create", () => {
  it("gives a 5-minute link; refuses account_update, OAuth accounts, bad URLs and missing params", async () => {
    const account = await createAccount();
    const link = await t.stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      ...URLS,
    });
    expect(link).toMatchObject({ object: "account_link" });
    expect(link.expires_at - link.created).toBe(300);
    expect(link.url).toContain(`/setup/c/${account.id}/`);

    const update = await failure(
      t.stripe.accountLinks.create({ account: account.id, type: "account_update", ...URLS }),
    );
    expect(update).toMatchObject({ statusCode: 400, param: "type" });
    const oauthAccount = await t.running.control.createAccount({ connected: true });
    const notOurs = await failure(
      t.stripe.accountLinks.create({ account: oauthAccount.id, type: "account_onboarding", ...URLS }),
    );
    expect(notOurs).toMatchObject({ statusCode: 400, param: "account" });
    const unknown = await failure(
      t.stripe.accountLinks.create({ account: "acct_nope", type: "account_onboarding", ...URLS }),
    );
    expect(unknown).toMatchObject({ statusCode: 400, code: "resource_missing" });
    const badUrl = await failure(
      t.stripe.accountLinks.create({
        account: account.id,
        type: "account_onboarding",
        ...URLS,
        return_url: "javascript:alert(1)",
      }),
    );
    expect(badUrl).toMatchObject({ param: "return_url", code: "url_invalid" });
    const missing = await failure(
      t.stripe.accountLinks.create({
        account: account.id,
        type: "account_onboarding",
        return_url: URLS.return_url,
      }),
    );
    expect(missing).toMatchObject({ param: "refresh_url", code: "parameter_missing" });
  });

  it("is single-use and expires: a second visit or a late first visit goes to refresh_url", async () => {
    const account = await createAccount();
    const link = await t.stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      ...URLS,
    });
    expect((await fetch(link.url, { redirect: "manual" })).status).toBe(200);
    const again = await fetch(link.url, { redirect: "manual" });
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(URLS.refresh_url);

    const late = await t.stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      ...URLS,
    });
    await t.running.control.advance(301);
    const expired = await fetch(late.url, { redirect: "manual" });
    expect(expired.headers.get("location")).toBe(URLS.refresh_url);
    const forged = await fetch(late.url.replace(account.id, DEMO_ACCOUNT_GB), { redirect: "manual" });
    expect(forged.status).toBe(404);
  });
});

describe("hosted onboarding outcomes", () => {
  async function freshLink() {
    const account = await createAccount();
    const link = await t.stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      ...URLS,
    });
    return { id: account.id, url: link.url };
  }

  it("complete: capabilities pending, then active after verification, with previous_attributes", async () => {
    const { id, url } = await freshLink();
    expect(await onboard(url, "complete")).toBe(URLS.return_url);
    const pending = await t.stripe.accounts.retrieve(id);
    expect(pending).toMatchObject({
      details_submitted: true,
      charges_enabled: false,
      capabilities: { card_payments: "pending" },
      requirements: { disabled_reason: "requirements.pending_verification", currently_due: [] },
    });
    await t.running.control.settle();
    const active = await t.stripe.accounts.retrieve(id);
    expect(active).toMatchObject({
      charges_enabled: true,
      payouts_enabled: true,
      capabilities: { card_payments: "active" },
      requirements: { disabled_reason: null },
    });
    const events = await accountUpdates(id);
    expect(events).toHaveLength(2);
    expect(events[0]?.data.previous_attributes).toMatchObject({
      details_submitted: false,
      capabilities: { card_payments: "inactive" },
    });
    expect(events[1]?.data.previous_attributes).toMatchObject({
      charges_enabled: false,
      capabilities: { card_payments: "pending" },
    });
    expect(events[1]?.data.previous_attributes).not.toHaveProperty("details_submitted");
  });

  it("details_due: the account stays unable to take payments, with what is missing", async () => {
    const { id, url } = await freshLink();
    await onboard(url, "details_due");
    const account = await t.stripe.accounts.retrieve(id);
    expect(account).toMatchObject({ charges_enabled: false, details_submitted: false });
    expect(account.requirements?.currently_due).toEqual([
      "external_account",
      "tos_acceptance.date",
      "tos_acceptance.ip",
    ]);
  });

  it("rejected: disabled for good, nothing due", async () => {
    const { id, url } = await freshLink();
    await onboard(url, "rejected");
    await t.running.control.settle();
    expect(await t.stripe.accounts.retrieve(id)).toMatchObject({
      charges_enabled: false,
      capabilities: { card_payments: "inactive" },
      requirements: { disabled_reason: "rejected.other", currently_due: [] },
    });
  });

  it("past_due_later: takes payments, a document falls due with a deadline, then past due stops charges", async () => {
    const { id, url } = await freshLink();
    await onboard(url, "past_due_later");
    await t.running.control.settle();
    const due = await t.stripe.accounts.retrieve(id);
    expect(due).toMatchObject({ charges_enabled: true, capabilities: { card_payments: "active" } });
    expect(due.requirements?.currently_due).toEqual(["individual.verification.document"]);
    expect(due.requirements?.current_deadline).toBeGreaterThan((await t.running.control.clock()).now);
    await t.running.control.advance(14 * 24 * 3600);
    expect(await t.stripe.accounts.retrieve(id)).toMatchObject({
      charges_enabled: false,
      capabilities: { card_payments: "inactive" },
      requirements: {
        disabled_reason: "requirements.past_due",
        past_due: ["individual.verification.document"],
      },
    });
    // A fresh link lets the seller provide it; verification turns payments back on.
    const again = await t.stripe.accountLinks.create({ account: id, type: "account_onboarding", ...URLS });
    await onboard(again.url, "complete");
    await t.running.control.settle();
    expect(await t.stripe.accounts.retrieve(id)).toMatchObject({
      charges_enabled: true,
      requirements: { past_due: [], currently_due: [] },
    });
  });

  it("a requirement added by the control API past due at once stops charges", async () => {
    const { id, url } = await freshLink();
    await onboard(url, "complete");
    await t.running.control.settle();
    await t.running.control.requireField(id, { field: "company.tax_id", deadline_seconds: 0 });
    expect(await t.stripe.accounts.retrieve(id)).toMatchObject({
      charges_enabled: false,
      requirements: { past_due: ["company.tax_id"] },
    });
  });

  it("a submitted form cannot be replayed", async () => {
    const { url } = await freshLink();
    const html = await (await fetch(url)).text();
    const session = /name="session" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const post = () =>
      fetch(url, {
        method: "POST",
        redirect: "manual",
        body: new URLSearchParams({ session, outcome: "complete" }),
      });
    expect((await post()).headers.get("location")).toBe(URLS.return_url);
    expect((await post()).headers.get("location")).toBe(URLS.refresh_url);
  });
});
