import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STRIPE_JS_PATH } from "../constants";
import { freshAccount, startTestEmulator, type TestEmulator } from "./helpers";

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.running.close());

type StandIn = ((key: string, options?: object) => Record<string, unknown>) & { version: string };

describe("the stand-in Stripe.js", () => {
  it("is served with the emulator's origin baked in and defines window.Stripe as @stripe/stripe-js expects", async () => {
    const response = await fetch(`${t.running.url}${STRIPE_JS_PATH}`);
    expect(response.headers.get("content-type")).toContain("javascript");
    const js = await response.text();
    expect(js).toContain(JSON.stringify(t.running.url));
    expect(js).not.toContain("js.stripe.com/");
    const window: { Stripe?: StandIn } = {};
    runInNewContext(js, { window });
    const Stripe = window.Stripe as StandIn;
    expect(Stripe.version).toBe("endive");
    const stripe = Stripe.apply(undefined, ["pk_test_emulator", { stripeAccount: "acct_demo_gb" }]);
    // What <Elements> checks (FACTS.md §3) and what the app calls.
    for (const method of [
      "elements",
      "createToken",
      "createPaymentMethod",
      "confirmCardPayment",
      "confirmPayment",
      "retrievePaymentIntent",
    ]) {
      expect(typeof stripe[method]).toBe("function");
    }
    expect(() => Stripe("sk_test_emulator")).toThrow(/secret key/);
  });

  it("retrieves a PaymentIntent with the publishable key and client secret only (client-safe fields)", async () => {
    const pi = await t.stripe.paymentIntents.create({
      amount: 1000,
      currency: "gbp",
      metadata: { secret: "no" },
    });
    const query = new URLSearchParams({ key: "pk_test_emulator", client_secret: pi.client_secret ?? "" });
    const ok = await (await fetch(`${t.running.url}/v1/payment_intents/${pi.id}?${query}`)).json();
    expect(ok).toMatchObject({ id: pi.id, status: "requires_payment_method", amount: 1000 });
    expect(ok).not.toHaveProperty("metadata");
    query.set("client_secret", `${pi.id}_secret_wrong`);
    expect((await fetch(`${t.running.url}/v1/payment_intents/${pi.id}?${query}`)).status).toBe(400);
    const list = await fetch(`${t.running.url}/v1/payment_intents?key=pk_test_emulator`);
    expect(list.status).toBe(401);
  });

  it("acts on the connected account given as _stripe_account, as Stripe.js sends it", async () => {
    const account = await freshAccount(t);
    const pi = await t.stripe.paymentIntents.create(
      { amount: 1000, currency: "gbp" },
      { stripeAccount: account },
    );
    const query = new URLSearchParams({ key: "pk_test_emulator", client_secret: pi.client_secret ?? "" });
    expect((await fetch(`${t.running.url}/v1/payment_intents/${pi.id}?${query}`)).status).toBe(404);
    query.set("_stripe_account", account);
    expect((await fetch(`${t.running.url}/v1/payment_intents/${pi.id}?${query}`)).status).toBe(200);
    query.set("_stripe_account", "acct_demo_us");
    expect((await fetch(`${t.running.url}/v1/payment_intents/${pi.id}?${query}`)).status).toBe(403);
  });
});
