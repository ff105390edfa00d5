import type { Page } from "@playwright/test";
import { createControlClient } from "../../emulator/control-client";
import { CARDS, expect, payWithCard, test } from "./fixtures";
import { emulatorUrl } from "./seed";

// "Create my Stripe account": SixthDesk creates the account with controller properties and the seller
// finishes on Stripe-hosted onboarding (the emulator's page, another port), coming back through
// return_url. Stripe's later news (verification, a requirement falling due) arrives as account.updated
// webhooks, so the settings page is reloaded until it shows it.

const control = createControlClient(emulatorUrl());
const LINES = [{ description: "Bread", quantity: "1", unitPrice: "40.00" }];

const HOSTED_ONBOARDING = /\/setup\/c\/acct_\w+\/\w+$/;

/**
 * Presses a button that leads to Stripe-hosted onboarding. A click that lands before React has
 * hydrated the page does nothing, so it is pressed again until the browser leaves; pressing twice is
 * safe by design (one account per User, and each press only makes a fresh link).
 */
async function pressUntilOnboarding(page: Page, press: () => Promise<void>) {
  await expect(async () => {
    if (!HOSTED_ONBOARDING.test(page.url())) await press();
    await expect(page).toHaveURL(HOSTED_ONBOARDING, { timeout: 5000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Set up payments for your business" })).toBeVisible();
}

async function startCreating(page: Page) {
  await page.goto("/settings/payments");
  await expect(page.getByTestId("connection-status")).toHaveText("Not connected");
  await page.getByLabel("Country of your business").selectOption("GB");
  // A double click still makes one account (the button locks, and the server holds the User's row).
  await pressUntilOnboarding(page, () =>
    page.getByRole("button", { name: "Create my Stripe account" }).dblclick({ timeout: 2000 }),
  );
}

async function submit(page: Page, button: string) {
  await page.getByRole("button", { name: button }).click();
  await expect(page).toHaveURL(/\/settings\/payments\?onboarding=returned$/);
  await expect(page.getByTestId("onboarding-outcome")).toContainText("You are back from Stripe");
}

/** Reloads the settings page until the requirements panel says `text` (webhooks are asynchronous). */
async function expectPanel(page: Page, text: string) {
  await expect(async () => {
    await page.goto("/settings/payments");
    await expect(page.getByTestId("requirements-panel")).toContainText(text, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
}

test("create a Stripe account, leave details due, come back through a used link, finish and get verified", async ({
  page,
  seed,
}) => {
  const business = `Fresh Bakery ${Date.now()}`;
  await seed.user({ business });
  await startCreating(page);
  const firstLink = page.url();
  expect(
    (await control.listAccounts()).filter((a) => a.name === business),
    "one account for the User",
  ).toHaveLength(1);

  await submit(page, "Save and finish later");
  await expect(page.getByTestId("connection-status")).toHaveText("Connected");
  await expect(page.getByTestId("account-origin")).toHaveText("Created through SixthDesk");
  await expect(page.getByTestId("account-charges")).toHaveText("No");
  const panel = page.getByTestId("requirements-panel");
  await expect(panel).toContainText("This account cannot take card payments yet");
  await expect(panel).toContainText("Stripe needs information that is past due.");
  await expect(page.getByTestId("requirements-past-due")).toContainText("A bank account for payouts");
  await expect(page.getByRole("button", { name: "Disconnect" })).toHaveCount(0);

  // The link was used: Stripe sends the browser to refresh_url, which makes a fresh one.
  await page.goto(firstLink);
  await expect(page).toHaveURL(HOSTED_ONBOARDING);
  expect(page.url()).not.toBe(firstLink);
  await expect(page.getByRole("heading", { name: "Set up payments for your business" })).toBeVisible();

  await submit(page, "Submit and finish");
  await expect(panel).toContainText("Stripe is verifying your details");
  await expect(page.getByTestId("account-card-payments")).toHaveText("Pending (Stripe is verifying)");

  await control.settle();
  await expectPanel(page, "Your account can take card payments.");
  await expect(page.getByTestId("account-card-payments")).toHaveText("Active");
  await expect(page.getByTestId("account-payouts")).toHaveText("Yes");
});

test("an account that gains a requirement after it started taking payments: due soon, past due, provided", async ({
  page,
  visitor: customer,
  seed,
}) => {
  await seed.user({ business: "Corner Shop" });
  await startCreating(page);
  await submit(page, "Submit (Stripe will ask for an ID document later)");
  // Verified; then Stripe asks for an identity document by a deadline while payments go on.
  await control.settle();
  await expectPanel(page, "Stripe needs more information from you");
  await expect(page.getByTestId("requirements-currently-due")).toContainText("An identity document");
  await expect(page.getByTestId("requirements-deadline")).toContainText("Card payments continue until then");
  await expect(page.getByTestId("stripe-account-banner")).toContainText(
    "Card payments continue until its deadline",
  );
  const accountId = (await page.getByTestId("account-id").textContent()) ?? "";

  const first = await seed.sentInvoice({ lines: LINES });
  await customer.goto(first.payUrl);
  await payWithCard(customer, CARDS.visa);
  await expect(customer.getByRole("heading", { name: /Payment received/ })).toBeVisible();

  // The deadline passes without the document: Stripe stops charges.
  await control.requireField(accountId, { field: "individual.verification.document", deadline_seconds: 0 });
  await expectPanel(page, "This account cannot take card payments yet");
  await expect(page.getByTestId("requirements-past-due")).toContainText("An identity document");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Invoices" }).click();
  await expect(page.getByTestId("stripe-account-banner")).toContainText(
    "Customers cannot pay your invoices by card",
  );
  await page.getByRole("link", { name: "Review what Stripe needs" }).click();
  await expect(page).toHaveURL(/\/settings\/payments$/);
  const second = await seed.sentInvoice({ lines: LINES });
  await customer.goto(second.payUrl);
  await expect(customer.getByTestId("cannot-pay")).toContainText(
    "Corner Shop cannot accept card payments yet",
  );

  // The seller provides it through a fresh onboarding link; once verified, the pay link works again.
  await pressUntilOnboarding(page, () =>
    page.getByRole("button", { name: "Provide the missing information" }).click({ timeout: 2000 }),
  );
  await submit(page, "Submit and finish");
  await control.settle();
  await expectPanel(page, "Your account can take card payments.");
  await customer.goto(second.payUrl);
  await expect(customer.getByRole("button", { name: /^Pay / })).toBeVisible();
});
