// Seeds the state most specs start from — a signed-in seller, a connected Stripe account, a sent
// invoice, a payment — in a few HTTP requests instead of a dozen page loads, so a spec spends its time
// on what it is about. invoice-story.spec.ts walks the same steps through the UI.
//
// How, and why this way: the e2e server runs the production build on a PGlite folder of its own, and
// PGlite takes no file lock, so this process must never open that folder (nor, for one code path on
// both databases, PostgreSQL's). Everything goes through the server instead, with nothing test-only in
// it: the server actions the forms call (posted as Next's own client posts them, server-actions.ts),
// next-auth's credentials endpoints for the session cookie, the emulator's control API for the consent
// a person would give on Stripe's page, the app's OAuth callback, and the public pay-link endpoints for
// a Customer's payment. Requests go through `page.request`, which shares the page's cookies, so the
// page is signed in when seeding returns. Should Next change how actions are posted, seeding fails at
// once with the action's name and the answer it got.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import Stripe from "stripe";
import { EMULATOR_SECRET_KEY } from "../../emulator/constants";
import { createControlClient } from "../../emulator/control-client";
import { baseUrl, callAction, callActionWithArgs } from "./server-actions";

export const PASSWORD = "correct-horse-battery";
const PAY_PATH = /\/pay\/[A-Za-z0-9_-]{32}/;

export const emulatorUrl = () => `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 99}`;

let counter = 0;
export function uniqueEmail(prefix = "user") {
  counter += 1;
  return `${prefix}-${Date.now()}-${process.pid}-${counter}@example.test`;
}

async function expectOk(what: string, response: APIResponse) {
  if (!response.ok()) throw new Error(`${what} answered ${response.status()}: ${await response.text()}`);
  return response;
}

export type SeededUser = { email: string; business: string };
export type SeededAccount = { accountId: string };
export type Line = { description: string; quantity: string; unitPrice: string; taxRate?: string };
export type InvoiceSeed = {
  lines: Line[];
  customer?: string;
  customerEmail?: string | null;
  partialMinimum?: string;
  /** "YYYY-MM-DD"; by default 14 days from today. A past day (issued that day too) makes it overdue. */
  dueDate?: string;
};
export type SeededInvoice = { invoiceId: string; invoiceUrl: string; payUrl: string; token: string };

/** Seeding bound to one page's cookies (see the comment at the top). */
export function seeder(request: APIRequestContext) {
  const control = createControlClient(emulatorUrl());

  async function signIn(email: string) {
    const csrf = await expectOk("csrf", await request.get("/api/auth/csrf"));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    await expectOk(
      "sign-in",
      await request.post("/api/auth/callback/credentials", {
        form: { csrfToken, email, password: PASSWORD, json: "true" },
      }),
    );
    const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } };
    if (session.user?.email !== email) throw new Error(`sign-in as ${email} did not stick`);
  }

  /**
   * Follows the confirmation link of the sign-up email, read from the development mailbox as the
   * verification spec reads it, and confirms through the page's own action.
   */
  async function confirmEmail() {
    const mailbox = await (await expectOk("mailbox", await request.get("/dev/mailbox"))).text();
    const token = /\/verify-email\/([A-Za-z0-9_-]{43})/.exec(mailbox)?.[1];
    if (!token) throw new Error("no confirmation link in the development mailbox");
    const page = `/verify-email/${token}`;
    const result = await callActionWithArgs<{ confirmed: boolean }>(
      request,
      { file: "app/(auth)/account-actions.ts", name: "confirmEmailFormAction", page },
      [null, { token }],
    );
    if (!result.confirmed) throw new Error("confirming the email address answered unexpectedly");
  }

  const seed = {
    /** A new User (the sign-up action), signed in on the page through next-auth's credentials flow. */
    async user(options: { business?: string; email?: string } = {}): Promise<SeededUser> {
      const email = options.email ?? uniqueEmail();
      const business = options.business ?? "Pat's Workshop";
      await callAction(
        request,
        { file: "app/(auth)/sign-up/actions.ts", name: "signUp", page: "/sign-up" },
        { name: "Pat Tester", businessName: business, email, password: PASSWORD },
      );
      await signIn(email);
      await confirmEmail();
      return { email, business };
    },

    /**
     * Connects a new emulator account (GB, takes charges) to the signed-in User: the Connect action
     * makes the state, the control API stands in for the person on Stripe's consent page, and the
     * app's OAuth callback finishes it as it would after the redirect.
     */
    async connect(): Promise<SeededAccount> {
      const { url } = await callAction<{ url: string }>(
        request,
        {
          file: "app/(dashboard)/settings/payments/actions.ts",
          name: "connectStripeAction",
          page: "/settings/payments",
        },
        {},
      );
      const authorize = new URL(url);
      const state = authorize.searchParams.get("state") ?? "";
      const { code, account } = await control.authorize({
        create: { name: authorize.searchParams.get("stripe_user[business_name]") ?? "Seeded", country: "GB" },
        redirect_uri: authorize.searchParams.get("redirect_uri") ?? undefined,
      });
      const query = new URLSearchParams({ code, state });
      const callback = await request.get(`/api/stripe/oauth/callback?${query}`, { maxRedirects: 0 });
      const outcome = new URL(callback.headers().location ?? "", baseUrl()).searchParams.get("connect");
      if (outcome !== "connected") throw new Error(`connect ended with ${outcome}`);
      return { accountId: account };
    },

    /** A Customer and a draft invoice for them (£ lines as the form takes them). */
    async draftInvoice(options: InvoiceSeed): Promise<{ invoiceId: string; invoiceUrl: string }> {
      const customer = await callAction<{ id: string }>(
        request,
        {
          file: "app/(dashboard)/customers/actions.ts",
          name: "createCustomerAction",
          page: "/customers/new",
        },
        {
          name: options.customer ?? `Customer ${Date.now()}`,
          email:
            options.customerEmail === undefined ? "billing@customer.test" : (options.customerEmail ?? ""),
          phone: "",
          address: "",
          taxId: "",
        },
      );
      const today = new Date();
      const due = new Date(today.getTime() + 14 * 86_400_000);
      const invoice = await callAction<{ id: string }>(
        request,
        { file: "app/(dashboard)/invoices/actions.ts", name: "createInvoiceAction", page: "/invoices/new" },
        {
          customerId: customer.id,
          currency: "gbp",
          issueDate: options.dueDate ?? today.toISOString().slice(0, 10),
          dueDate: options.dueDate ?? due.toISOString().slice(0, 10),
          notes: "",
          allowPartialPayments: options.partialMinimum !== undefined,
          partialMinimum: options.partialMinimum ?? "",
          items: options.lines.map((l) => ({ ...l, taxRate: l.taxRate ?? "" })),
        },
      );
      return { invoiceId: invoice.id, invoiceUrl: new URL(`/invoices/${invoice.id}`, baseUrl()).toString() };
    },

    /** As draftInvoice, then sent with the dashboard's send action: it has its pay link. */
    async sentInvoice(options: InvoiceSeed): Promise<SeededInvoice> {
      const invoice = { id: (await seed.draftInvoice(options)).invoiceId };
      const invoicePath = `/invoices/${invoice.id}`;
      await callAction(
        request,
        { file: "app/(dashboard)/invoices/actions.ts", name: "sendInvoiceAction", page: invoicePath },
        { invoiceId: invoice.id },
      );
      const page = await expectOk("invoice page", await request.get(invoicePath));
      const payPath = PAY_PATH.exec(await page.text())?.[0];
      if (!payPath) throw new Error("the sent invoice shows no pay link");
      return {
        invoiceId: invoice.id,
        invoiceUrl: new URL(invoicePath, baseUrl()).toString(),
        payUrl: new URL(payPath, baseUrl()).toString(),
        token: payPath.slice("/pay/".length),
      };
    },

    /**
     * The Customer pays the whole invoice with a test card (`pm_card_…`) and comes back to the return
     * page, all without a browser: the pay link's intent endpoint, a confirm on the emulator as
     * Stripe.js would, then the return page, which records the payment.
     */
    async payment(invoice: SeededInvoice, account: SeededAccount, paymentMethod = "pm_card_visa") {
      const intent = await expectOk(
        "intent",
        await request.post(`/api/pay/${invoice.token}/intent`, { data: {} }),
      );
      const { clientSecret } = (await intent.json()) as { clientSecret: string };
      const paymentIntentId = clientSecret.split("_secret_")[0] ?? "";
      const emulator = new URL(emulatorUrl());
      const stripe = new Stripe(EMULATOR_SECRET_KEY, {
        host: emulator.hostname,
        port: Number(emulator.port),
        protocol: "http",
        maxNetworkRetries: 0,
      });
      const returnUrl = `${invoice.payUrl}/complete`;
      await stripe.paymentIntents.confirm(
        paymentIntentId,
        { payment_method: paymentMethod, return_url: returnUrl },
        { stripeAccount: account.accountId },
      );
      const receipt = await request.get(`${returnUrl}?payment_intent=${paymentIntentId}`);
      if (!(await expectOk("return page", receipt).then((r) => r.text())).includes("Payment received")) {
        throw new Error("the return page did not record the payment");
      }
      return { paymentIntentId };
    },

    /** A signed-in User with a new connected account that takes charges. */
    async seller(options: { business?: string } = {}): Promise<SeededUser & SeededAccount> {
      const user = await seed.user(options);
      return { ...user, ...(await seed.connect()) };
    },
  };
  return seed;
}

export type Seeder = ReturnType<typeof seeder>;
