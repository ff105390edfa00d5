import { test as base, expect, type Page } from "@playwright/test";

type Fixtures = { offsiteRequests: string[] };

// Every page in these tests must stay on this machine: any request to another host is aborted and
// fails the test, so an accidental call to js.stripe.com or a CDN cannot hide.
export const test = base.extend<Fixtures>({
  offsiteRequests: [
    async ({ context }, use) => {
      const offsite: string[] = [];
      await context.route(
        (url) => !["127.0.0.1", "localhost"].includes(url.hostname),
        (route) => {
          offsite.push(route.request().url());
          return route.abort();
        },
      );
      await use(offsite);
      expect(offsite, "requests left localhost").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

let counter = 0;
export function uniqueEmail(prefix = "user") {
  counter += 1;
  return `${prefix}-${Date.now()}-${process.pid}-${counter}@example.test`;
}

export const PASSWORD = "correct-horse-battery";

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

export type Line = { description: string; quantity: string; unitPrice: string; taxRate?: string };

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
