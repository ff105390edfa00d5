import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_ACCOUNT_GB,
  DEMO_ACCOUNT_US,
  EMULATOR_CONNECT_CLIENT_ID,
  EMULATOR_PLATFORM_ACCOUNT_ID,
} from "../constants";
import { connect, failure, freshAccount, pay, sdkFor, startTestEmulator, type TestEmulator } from "./helpers";

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.running.close());

function authorizeUrl(state = "s1") {
  const query = new URLSearchParams({
    response_type: "code",
    client_id: EMULATOR_CONNECT_CLIENT_ID,
    scope: "read_write",
    redirect_uri: "http://localhost:3000/api/stripe/oauth/callback",
    state,
  });
  return `${t.running.url}/oauth/authorize?${query}`;
}

/** Submits the consent page's form as the browser would (the SDK has no method for a browser page). */
async function consent(fields: Record<string, string>) {
  const url = new URL(authorizeUrl());
  const response = await fetch(`${t.running.url}/oauth/authorize`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ ...Object.fromEntries(url.searchParams), ...fields }),
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") ?? "");
}

describe("OAuth", () => {
  it("shows a consent page offering the demo accounts, a new account and deny", async () => {
    const html = await (await fetch(authorizeUrl())).text();
    expect(html).toContain("Connect Demo Studio Ltd");
    expect(html).toContain("Connect Demo Agency LLC");
    expect(html).toContain("Create a new account");
    expect(html).toContain("Create an account that cannot take charges yet");
    expect(html).toContain("Deny");
    const bad = await fetch(authorizeUrl().replace("ca_emulator", "ca_other"));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_request" });
  });

  it("connects an existing account: code → token → the platform can act on it", async () => {
    const location = await consent({ decision: "existing", account: DEMO_ACCOUNT_US });
    expect(location.pathname).toBe("/api/stripe/oauth/callback");
    expect(location.searchParams.get("state")).toBe("s1");
    const code = location.searchParams.get("code") ?? "";
    expect(code).toMatch(/^ac_/);
    const before = await failure(t.stripe.accounts.retrieve(DEMO_ACCOUNT_US));
    expect(before.statusCode).toBe(403);
    const token = await t.stripe.oauth.token({ grant_type: "authorization_code", code });
    expect(token).toMatchObject({
      stripe_user_id: DEMO_ACCOUNT_US,
      scope: "read_write",
      token_type: "bearer",
      livemode: false,
    });
    const account = await t.stripe.accounts.retrieve(DEMO_ACCOUNT_US);
    expect(account).toMatchObject({
      id: DEMO_ACCOUNT_US,
      country: "US",
      default_currency: "usd",
      charges_enabled: true,
      details_submitted: true,
    });
    const own = await t.stripe.accounts.retrieveCurrent({}, { stripeAccount: DEMO_ACCOUNT_US });
    expect(own.id).toBe(DEMO_ACCOUNT_US);
  });

  it("deny redirects with access_denied and the state", async () => {
    const location = await consent({ decision: "deny" });
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("error_description")).toBeTruthy();
    expect(location.searchParams.get("state")).toBe("s1");
  });

  it("creates a new account, or one that cannot take charges yet", async () => {
    const location = await consent({
      decision: "create_restricted",
      business_name: "Not Ready Ltd",
      country: "FR",
    });
    const token = await t.stripe.oauth.token({
      grant_type: "authorization_code",
      code: location.searchParams.get("code") ?? "",
    });
    const account = await t.stripe.accounts.retrieve(String(token.stripe_user_id));
    expect(account).toMatchObject({
      charges_enabled: false,
      details_submitted: false,
      country: "FR",
      default_currency: "eur",
    });
    expect(account.business_profile?.name).toBe("Not Ready Ltd");
    const error = await failure(
      t.stripe.paymentIntents.create(
        { amount: 1000, currency: "eur" },
        { stripeAccount: String(token.stripe_user_id) },
      ),
    );
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("cannot currently make live charges");
  });

  it("codes are single-use: reusing one fails with invalid_grant and revokes the connection", async () => {
    const { code } = await t.running.control.authorize({ create: { name: "Reuse Ltd" } });
    const token = await t.stripe.oauth.token({ grant_type: "authorization_code", code });
    const account = String(token.stripe_user_id);
    const error = await failure(t.stripe.oauth.token({ grant_type: "authorization_code", code }));
    expect(error).toMatchObject({ type: "StripeInvalidGrantError", statusCode: 400 });
    expect(error.message).toContain("already been used");
    expect((await failure(t.stripe.accounts.retrieve(account))).statusCode).toBe(403);
  });

  it("codes expire after 5 minutes", async () => {
    const { code } = await t.running.control.authorize({ create: {} });
    await t.running.control.advance(301);
    const error = await failure(t.stripe.oauth.token({ grant_type: "authorization_code", code }));
    expect(error).toMatchObject({ type: "StripeInvalidGrantError" });
    expect(error.message).toContain("expired");
    const unknown = await failure(
      t.stripe.oauth.token({ grant_type: "authorization_code", code: "ac_nope" }),
    );
    expect(unknown.message).toContain("does not exist");
  });

  it("deauthorize (platform side, through the SDK) ends access with 403", async () => {
    const account = await freshAccount(t);
    await pay(t.stripe, account, "pm_card_visa");
    const result = await t.stripe.oauth.deauthorize({
      client_id: EMULATOR_CONNECT_CLIENT_ID,
      stripe_user_id: account,
    });
    expect(result.stripe_user_id).toBe(account);
    const error = await failure(t.stripe.paymentIntents.list({}, { stripeAccount: account }));
    expect(error).toMatchObject({ type: "StripePermissionError", statusCode: 403, code: "account_invalid" });
    const twice = await failure(
      t.stripe.oauth.deauthorize({ client_id: EMULATOR_CONNECT_CLIENT_ID, stripe_user_id: account }),
    );
    expect(twice.type).toBe("StripeInvalidClientError");
  });

  it("deauthorize from the user's side (control API) also ends access", async () => {
    const account = await freshAccount(t);
    const view = await t.running.control.deauthorizeAccount(account);
    expect(view.connected).toBe(false);
    expect(
      (await failure(t.stripe.accounts.retrieveCurrent({}, { stripeAccount: account }))).statusCode,
    ).toBe(403);
  });
});

describe("account scoping", () => {
  it("answers 403 for an account that is not connected or does not exist", async () => {
    for (const account of [DEMO_ACCOUNT_GB, "acct_doesnotexist"]) {
      const error = await failure(
        t.stripe.paymentIntents.create({ amount: 1000, currency: "gbp" }, { stripeAccount: account }),
      );
      expect(error).toMatchObject({
        type: "StripePermissionError",
        statusCode: 403,
        code: "account_invalid",
      });
    }
  });

  it("keeps each account's objects to itself", async () => {
    const a = await freshAccount(t);
    const b = await freshAccount(t);
    const pi = await pay(t.stripe, a, "pm_card_visa");
    expect(
      (await failure(t.stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: b }))).statusCode,
    ).toBe(404);
    expect((await failure(t.stripe.paymentIntents.retrieve(pi.id))).statusCode).toBe(404);
    expect(
      (await failure(t.stripe.charges.retrieve(String(pi.latest_charge), {}, { stripeAccount: b })))
        .statusCode,
    ).toBe(404);
    expect(
      (await failure(t.stripe.refunds.create({ payment_intent: pi.id }, { stripeAccount: b }))).statusCode,
    ).toBe(404);
    expect((await t.stripe.paymentIntents.list({}, { stripeAccount: b })).data).toHaveLength(0);
  });

  it("GET /v1/account is the platform without Stripe-Account", async () => {
    const platform = await t.stripe.accounts.retrieveCurrent();
    expect(platform.id).toBe(EMULATOR_PLATFORM_ACCOUNT_ID);
  });

  it("disabling charges sends account.updated and blocks new payments", async () => {
    const account = await connect(t, DEMO_ACCOUNT_GB);
    const view = await t.running.control.disableCharges(account);
    expect(view.charges_enabled).toBe(false);
    const events = await t.stripe.events.list({ type: "account.updated" }, { stripeAccount: account });
    expect(events.data[0]?.data.previous_attributes).toMatchObject({ charges_enabled: true });
    const error = await failure(pay(t.stripe, account, "pm_card_visa"));
    expect(error.statusCode).toBe(400);
    await t.running.control.enableCharges(account);
    expect((await pay(t.stripe, account, "pm_card_visa")).status).toBe("succeeded");
  });
});

describe("OAuth access tokens (deprecated, still returned)", () => {
  it("act as their own account, and stop working after deauthorization", async () => {
    const { code, account } = await t.running.control.authorize({ create: { name: "Token Ltd" } });
    const token = await t.stripe.oauth.token({ grant_type: "authorization_code", code });
    const asAccount = sdkFor(t.running, String(token.access_token));
    expect((await asAccount.accounts.retrieveCurrent()).id).toBe(account);
    const other = await failure(asAccount.paymentIntents.list({}, { stripeAccount: DEMO_ACCOUNT_US }));
    expect(other.statusCode).toBe(403);
    await t.running.control.deauthorizeAccount(account);
    expect((await failure(asAccount.accounts.retrieveCurrent())).statusCode).toBe(401);
  });
});
