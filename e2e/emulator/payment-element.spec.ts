import { test as base, expect, type Page } from "@playwright/test";
import Stripe from "stripe";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import { type HarnessServer, startHarnessServer } from "./harness/server";

type Worker = { emulator: RunningEmulator; stripe: Stripe; harness: HarnessServer; account: string };

/** One emulator, SDK client, connected account and harness server per worker. */
const test = base.extend<{ requestedHosts: Set<string> }, { env: Worker }>({
  env: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
    async ({}, use) => {
      const emulator = await startEmulator({ port: 0, log: () => {} });
      const stripe = new Stripe("sk_test_emulator", {
        host: "127.0.0.1",
        port: emulator.port,
        protocol: "http",
        maxNetworkRetries: 0,
      });
      const { code } = await emulator.control.authorize({ create: { name: "Harness Ltd", country: "GB" } });
      const token = await stripe.oauth.token({ grant_type: "authorization_code", code });
      const harness = await startHarnessServer(emulator.url);
      await use({ emulator, stripe, harness, account: String(token.stripe_user_id) });
      await harness.close();
      await emulator.close();
    },
    { scope: "worker" },
  ],
  // Every host the page asks for, in every test; anything but localhost would mean Stripe.js leaked out.
  requestedHosts: [
    async ({ page }, use) => {
      const hosts = new Set<string>();
      page.on("request", (request) => {
        const url = new URL(request.url());
        if (url.protocol.startsWith("http")) hosts.add(url.hostname);
      });
      await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
      await use(hosts);
      expect([...hosts].filter((h) => h !== "127.0.0.1" && h !== "localhost")).toEqual([]);
    },
    { auto: true },
  ],
});

async function openHarness(
  page: Page,
  env: Worker,
  redirect: "always" | "if_required" = "always",
  preloaded = false,
) {
  const pi = await env.stripe.paymentIntents.create(
    { amount: 4200, currency: "gbp", metadata: { invoice_id: "inv_e2e" } },
    { stripeAccount: env.account },
  );
  const query = new URLSearchParams({
    client_secret: pi.client_secret ?? "",
    account: env.account,
    redirect,
    emulator: env.emulator.url,
    preloaded: preloaded ? "1" : "0",
  });
  await page.goto(`${env.harness.url}/?${query}`);
  await expect(page.getByTestId("element-state")).toContainText("ready");
  return pi;
}

async function fillCard(page: Page, number: string) {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiration date").fill("12 / 34");
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel("Postal code").fill("SW1A 1AA");
  await expect(page.getByTestId("element-state")).toContainText("complete");
}

test("pays with 4242 4242 4242 4242 and lands on return_url", async ({ page, env, requestedHosts }) => {
  const pi = await openHarness(page, env);
  await fillCard(page, "4242 4242 4242 4242");
  await page.getByRole("button", { name: "Pay" }).click();
  await page.waitForURL(/\/return\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get("payment_intent")).toBe(pi.id);
  expect(url.searchParams.get("payment_intent_client_secret")).toBe(pi.client_secret);
  expect(url.searchParams.get("redirect_status")).toBe("succeeded");
  const after = await env.stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: env.account });
  expect(after).toMatchObject({ status: "succeeded", amount_received: 4200 });
  expect(requestedHosts.has("127.0.0.1")).toBe(true);
});

test("a declined card shows the error and stays on the page", async ({ page, env }) => {
  const pi = await openHarness(page, env);
  await fillCard(page, "4000 0000 0000 0002");
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Your card was declined." })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/");
  const after = await env.stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: env.account });
  expect(after.status).toBe("requires_payment_method");
  expect(after.last_payment_error?.decline_code).toBe("generic_decline");
});

test("3-D Secure card: completing the challenge pays", async ({ page, env }) => {
  const pi = await openHarness(page, env);
  await fillCard(page, "4000 0025 0000 3155");
  await page.getByRole("button", { name: "Pay" }).click();
  const dialog = page.getByRole("dialog", { name: "3D Secure authentication" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Complete authentication" }).click();
  await page.waitForURL(/\/return\?/);
  expect(new URL(page.url()).searchParams.get("redirect_status")).toBe("succeeded");
  const after = await env.stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: env.account });
  expect(after.status).toBe("succeeded");
});

test("3-D Secure card: failing the challenge shows an error, no redirect", async ({ page, env }) => {
  const pi = await openHarness(page, env);
  await fillCard(page, "4000002500003155");
  await page.getByRole("button", { name: "Pay" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Fail authentication" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "failed authentication" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/");
  const after = await env.stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: env.account });
  expect(after.last_payment_error?.code).toBe("payment_intent_authentication_failure");
});

test("redirect: if_required resolves in the page (stand-in preloaded by a script tag)", async ({
  page,
  env,
}) => {
  await openHarness(page, env, "if_required", true);
  await fillCard(page, "4242424242424242");
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.getByTestId("payment-status")).toHaveText("Payment succeeded");
  expect(new URL(page.url()).pathname).toBe("/");
});

test("incomplete fields are reported by the Payment Element, nothing is sent", async ({ page, env }) => {
  const pi = await openHarness(page, env);
  await page.getByLabel("Card number").fill("4242 4242");
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Your card number is incomplete." }).first(),
  ).toBeVisible();
  const after = await env.stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: env.account });
  expect(after.status).toBe("requires_payment_method");
  expect(after.latest_charge).toBeNull();
});
