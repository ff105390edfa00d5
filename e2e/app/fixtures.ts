import {
  type APIRequestContext,
  type BrowserContext,
  test as base,
  expect,
  type Page,
} from "@playwright/test";
import { type Line, PASSWORD, type Seeder, seeder, uniqueEmail } from "./seed";

/**
 * Each browser in a test is a client of its own, as a proxy in front would report it: the app's limits
 * per client address then apply per test, as they would per person, not to the whole suite at once.
 */
export function fakeClientAddress() {
  const part = () => Math.floor(Math.random() * 254) + 1;
  return `10.${part()}.${part()}.${part()}`;
}

// Only requests to the app carry the header: on a cross-origin fetch (the emulator's API) an extra
// header would need a CORS preflight the real Stripe never sees.
export async function actAsClient(context: BrowserContext, baseURL: string | undefined, address: string) {
  const app = new URL(baseURL ?? "http://127.0.0.1").origin;
  await context.route(
    (url) => url.origin === app,
    (route) => route.continue({ headers: { ...route.request().headers(), "x-forwarded-for": address } }),
  );
}

/** The page's API requests (seeding) from the same client address as its browser. */
export function requestsAsClient(request: APIRequestContext, address: string): APIRequestContext {
  const withAddress = <O extends { headers?: Record<string, string> }>(options: O | undefined) => ({
    ...options,
    headers: { ...options?.headers, "x-forwarded-for": address },
  });
  return new Proxy(request, {
    get(target, prop, receiver) {
      if (prop === "get") {
        return (url: string, options?: Parameters<APIRequestContext["get"]>[1]) =>
          target.get(url, withAddress(options));
      }
      if (prop === "post") {
        return (url: string, options?: Parameters<APIRequestContext["post"]>[1]) =>
          target.post(url, withAddress(options));
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

type Fixtures = {
  /** The address the test's main browser (and its seeding) appears to come from. */
  clientAddress: string;
  offsiteRequests: string[];
  /** Content-Security-Policy violations reported in the console: any one fails the test. */
  cspViolations: string[];
  /** Seeds through HTTP with this page's cookies (seed.ts): the page is signed in as the seeded User. */
  seed: Seeder;
  /** A page in a browser of its own, signed out: the Customer on the pay link, or another User. */
  visitor: Page;
};

// Every page in these tests must stay on this machine: any request to another host is aborted and
// fails the test, so an accidental call to js.stripe.com or a CDN cannot hide.
async function keepOnThisMachine(context: BrowserContext): Promise<string[]> {
  const offsite: string[] = [];
  await context.route(
    (url) => !["127.0.0.1", "localhost"].includes(url.hostname),
    (route) => {
      offsite.push(route.request().url());
      return route.abort();
    },
  );
  return offsite;
}

// Chromium reports a blocked script, style, frame or connection in the console ("Refused to …
// Content Security Policy"), and pages also fire `securitypolicyviolation`, logged here so nothing slips.
const REPORT_VIOLATIONS = () => {
  document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
  });
};

async function watchCsp(context: BrowserContext, violations: string[] = []): Promise<string[]> {
  await context.addInitScript(REPORT_VIOLATIONS);
  context.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|CSP violation/i.test(text)) violations.push(text);
  });
  return violations;
}

export const test = base.extend<Fixtures>({
  clientAddress: async ({ context, baseURL }, use) => {
    const address = fakeClientAddress();
    await actAsClient(context, baseURL, address);
    await use(address);
  },
  cspViolations: [
    async ({ context, browser, baseURL, clientAddress: _ }, use) => {
      const violations = await watchCsp(context);
      // Specs that open more browsers themselves (a customer beside the seller) are watched too.
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const opened = await newContext(options);
        await actAsClient(opened, baseURL, fakeClientAddress());
        await watchCsp(opened, violations);
        return opened;
      };
      await use(violations);
      browser.newContext = newContext;
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  offsiteRequests: [
    async ({ context }, use) => {
      const offsite = await keepOnThisMachine(context);
      await use(offsite);
      expect(offsite, "requests left localhost").toEqual([]);
    },
    { auto: true },
  ],
  seed: async ({ page, clientAddress }, use) => {
    await use(seeder(requestsAsClient(page.request, clientAddress)));
  },
  visitor: async ({ browser, baseURL }, use) => {
    const context = await browser.newContext();
    await actAsClient(context, baseURL, fakeClientAddress());
    const offsite = await keepOnThisMachine(context);
    const violations = await watchCsp(context);
    await use(await context.newPage());
    await context.close();
    expect(offsite, "the visitor's requests left localhost").toEqual([]);
    expect(violations, "the visitor's Content-Security-Policy violations").toEqual([]);
  },
});

export { expect, type Line, PASSWORD, type Seeder, seeder, uniqueEmail };

// The UI helpers below drive the forms as a person does; specs about other things seed instead.

export async function signUp(page: Page, options: { email?: string; business?: string } = {}) {
  const email = options.email ?? uniqueEmail();
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Pat Tester");
  await page.getByLabel("Business name").fill(options.business ?? "Pat's Workshop");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await confirmEmailFromMailbox(page);
  return email;
}

/** Opens the sign-up email in the development mailbox and follows its confirmation link. */
export async function confirmEmailFromMailbox(page: Page) {
  await page.goto("/dev/mailbox");
  await page
    .getByRole("navigation", { name: "Emails" })
    .getByRole("link", { name: /Confirm your email address/ })
    .first()
    .click();
  // The list entry is a client-side navigation; a click on the email's link before it settles would be
  // cancelled by it.
  await page.waitForURL(/\/dev\/mailbox\?email=/);
  await page
    .getByTestId("mailbox-email")
    .getByRole("region", { name: "Plain-text version" })
    .getByRole("link", { name: /\/verify-email\// })
    .click();
  await page.waitForURL(/\/verify-email\//);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByTestId("email-confirmed")).toBeVisible();
}

export async function addCustomer(page: Page, name: string, email = "billing@customer.test") {
  await page.goto("/customers/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Add customer" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

export async function fillLines(page: Page, lines: Line[]) {
  for (const [index, line] of lines.entries()) {
    if (index > 0) await page.getByRole("button", { name: "Add line" }).click();
    const n = index + 1;
    await page.getByLabel(`Description (line ${n})`).fill(line.description);
    await page.getByLabel(`Quantity (line ${n})`).fill(line.quantity);
    await page.getByLabel(`Unit price (line ${n})`).fill(line.unitPrice);
    if (line.taxRate) await page.getByLabel(`Tax % (line ${n})`).fill(line.taxRate);
  }
}

/** Connects a brand-new emulator account (demo accounts are shared, and one account serves one User). */
export async function connectNewStripeAccount(page: Page) {
  await page.goto("/settings/payments");
  await page.getByRole("button", { name: "Connect Stripe" }).click();
  await expect(page).toHaveURL(/\/oauth\/authorize\?/);
  await page.getByRole("button", { name: "Create a new account" }).click();
  await expect(page.getByTestId("connection-status")).toHaveText("Connected");
}

/** Creates an invoice for a new customer, sends it, and returns its pay link. */
export async function sendInvoice(
  page: Page,
  options: { customer?: string; lines: Line[]; partialMinimum?: string; currency?: string },
): Promise<{ payUrl: string; invoiceUrl: string }> {
  const customer = options.customer ?? `Customer ${Date.now()}`;
  await addCustomer(page, customer);
  await page.getByRole("link", { name: "New invoice" }).click();
  if (options.currency) await page.getByLabel("Currency").selectOption(options.currency);
  await fillLines(page, options.lines);
  if (options.partialMinimum) {
    await page.getByLabel("Let the customer pay part of the invoice").check();
    await page.getByLabel("Minimum part payment").fill(options.partialMinimum);
  }
  await page.getByRole("button", { name: "Save draft" }).click();
  // The send dialog's secondary path: issue it without emailing (email.spec.ts covers emailing).
  await page.getByRole("button", { name: "Send invoice" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Don’t email; copy link" }).click();
  const payLink = page.getByLabel(/Pay link/);
  await expect(payLink).toHaveValue(/\/pay\/[A-Za-z0-9_-]{32}$/);
  return { payUrl: await payLink.inputValue(), invoiceUrl: page.url() };
}

export const CARDS = {
  visa: "4242 4242 4242 4242",
  declined: "4000 0000 0000 0002",
  threeDSecure: "4000 0025 0000 3155",
} as const;

/** Types a test card into the (stand-in) Payment Element and presses Pay. */
export async function payWithCard(page: Page, card: string) {
  await page.getByLabel("Card number").fill(card);
  await page.getByLabel("Expiration date").fill("12 / 34");
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel("Postal code").fill("SW1A 1AA");
  await page.getByRole("button", { name: /^Pay / }).click();
}
