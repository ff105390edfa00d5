import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { DEMO_ACCOUNT_GB, EMULATOR_SECRET_KEY } from "../constants";
import { type RunningEmulator, startEmulator } from "../index";

export type TestEmulator = { running: RunningEmulator; stripe: Stripe };

/** An emulator on a random port, with fast webhook retries and no asynchronous outcome on its own. */
export async function startTestEmulator(): Promise<TestEmulator> {
  const running = await startEmulator({
    port: 0,
    webhookRetryDelaysMs: [20, 40],
    webhookTimeoutMs: 2000,
    asyncDelays: { refundSeconds: 3600, disputeSeconds: 3600, paymentSeconds: 3600 },
    log: () => {},
  });
  return { running, stripe: sdkFor(running) };
}

export function sdkFor(running: RunningEmulator, key = EMULATOR_SECRET_KEY): Stripe {
  return new Stripe(key, { host: "127.0.0.1", port: running.port, protocol: "http", maxNetworkRetries: 0 });
}

/** Connects an account through OAuth (control API for the consent click, the SDK for the code exchange). */
export async function connect(t: TestEmulator, account = DEMO_ACCOUNT_GB): Promise<string> {
  const { code } = await t.running.control.authorize({ account });
  const token = await t.stripe.oauth.token({ grant_type: "authorization_code", code });
  return token.stripe_user_id ?? "";
}

/** Creates and connects a fresh account that can take charges, so each test has its own data. */
export async function freshAccount(t: TestEmulator, country = "GB"): Promise<string> {
  const { code } = await t.running.control.authorize({ create: { name: "Test Ltd", country } });
  const token = await t.stripe.oauth.token({ grant_type: "authorization_code", code });
  return token.stripe_user_id ?? "";
}

export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string };

/** A webhook endpoint: records every request; `statuses` answers the first requests (then 200). */
export async function startReceiver(statuses: number[] = []) {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(statuses.shift() ?? 200, { "Content-Type": "text/plain" });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  return {
    url,
    received,
    events: () => received.map((r) => JSON.parse(r.body) as Stripe.Event),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function until<T>(check: () => T | undefined | false, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Confirms a new PaymentIntent server-side with a test PaymentMethod. */
export function pay(stripe: Stripe, account: string | undefined, paymentMethod: string, amount = 2000) {
  return stripe.paymentIntents.create(
    {
      amount,
      currency: "gbp",
      confirm: true,
      payment_method: paymentMethod,
      return_url: "http://localhost/return",
    },
    account ? { stripeAccount: account } : undefined,
  );
}

/** Captures the error a promise rejects with (vitest's `rejects` loses the type). */
export async function failure(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    return error as Stripe.errors.StripeError;
  }
  throw new Error("expected the call to fail");
}
