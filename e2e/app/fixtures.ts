import { type BrowserContext, test as base, expect, type Page } from "@playwright/test";
import { type Line, PASSWORD, type Seeder, seeder, uniqueEmail } from "./seed";

type Fixtures = {
  offsiteRequests: string[];
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

export const test = base.extend<Fixtures>({
  offsiteRequests: [
    async ({ context }, use) => {
      const offsite = await keepOnThisMachine(context);
      await use(offsite);
      expect(offsite, "requests left localhost").toEqual([]);
    },
    { auto: true },
  ],
  seed: async ({ page }, use) => {
    await use(seeder(page.request));
  },
  visitor: async ({ browser }, use) => {
    const context = await browser.newContext();
    const offsite = await keepOnThisMachine(context);
    await use(await context.newPage());
    await context.close();
    expect(offsite, "the visitor's requests left localhost").toEqual([]);
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
  return email;
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
