import type { Browser, Page } from "@playwright/test";
import { CARDS, connectNewStripeAccount, expect, payWithCard, sendInvoice, signUp, test } from "./fixtures";

// A seller changes the invoice while the customer's pay page is open in another browser: pressing Pay
// in the stale tab never charges the old figures (docs/decisions/0005-money-invariants.md).

const LINES = [{ description: "Consulting", quantity: "2", unitPrice: "60.00" }];

// Two browsers and half a dozen page loads each: slow on a busy machine, whatever the code does.
test.slow();

async function openPayPage(browser: Browser, payUrl: string): Promise<Page> {
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(payUrl);
  await expect(customer.getByRole("button", { name: "Pay £120.00" })).toBeEnabled();
  return customer;
}

async function editInvoice(
  page: Page,
  invoiceUrl: string,
  change: { unitPrice?: string; currency?: string },
) {
  await page.goto(`${invoiceUrl}/edit`);
  if (change.currency) await page.getByLabel("Currency").selectOption(change.currency);
  if (change.unitPrice) await page.getByLabel("Unit price (line 1)").fill(change.unitPrice);
  await page.getByRole("button", { name: "Save changes" }).click();
  // Saving cancels the open PaymentIntents on Stripe before the action returns.
  await expect(page).toHaveURL(invoiceUrl, { timeout: 30_000 });
}

test("the seller lowers the amount while the customer's tab is open: Pay shows the new amount, then charges it", async ({
  page,
  browser,
}) => {
  await signUp(page, { business: "Edit Studio" });
  await connectNewStripeAccount(page);
  const { payUrl, invoiceUrl } = await sendInvoice(page, { lines: LINES });
  const customer = await openPayPage(browser, payUrl);

  await editInvoice(page, invoiceUrl, { unitPrice: "25.00" });

  await payWithCard(customer, CARDS.visa);
  await expect(customer.getByTestId("pay-updated")).toContainText(
    "The invoice was updated: now £50.00. Pay £50.00?",
  );
  await expect(customer.getByTestId("amount-due")).toHaveText("£50.00");
  await expect(customer).toHaveURL(payUrl);
  await payWithCard(customer, CARDS.visa);
  await expect(customer.getByRole("heading", { name: /Payment received/ })).toBeVisible();
  await expect(customer.getByTestId("receipt")).toContainText("£50.00");

  await page.goto(invoiceUrl);
  await expect(page.getByText("Paid", { exact: true }).first()).toBeVisible();
  const succeeded = page.getByTestId("payment-row").filter({ hasText: "Succeeded" });
  await expect(succeeded).toHaveCount(1);
  await expect(succeeded).toContainText("£50.00");
  await expect(page.getByTestId("overpayment")).toHaveCount(0);
});

test("the seller changes the currency while the customer's tab is open: Pay shows euros, then charges euros", async ({
  page,
  browser,
}) => {
  await signUp(page, { business: "Euro Studio" });
  await connectNewStripeAccount(page);
  const { payUrl, invoiceUrl } = await sendInvoice(page, { lines: LINES });
  const customer = await openPayPage(browser, payUrl);

  await editInvoice(page, invoiceUrl, { currency: "eur" });

  await payWithCard(customer, CARDS.visa);
  await expect(customer.getByTestId("pay-updated")).toContainText(
    "The invoice was updated: now €120.00. Pay €120.00?",
  );
  await expect(customer.getByRole("button", { name: "Pay €120.00" })).toBeEnabled();
  await payWithCard(customer, CARDS.visa);
  await expect(customer.getByRole("heading", { name: /Payment received/ })).toBeVisible();
  await expect(customer.getByTestId("receipt")).toContainText("€120.00");

  await page.goto(invoiceUrl);
  await expect(page.getByText("Paid", { exact: true }).first()).toBeVisible();
  const succeeded = page.getByTestId("payment-row").filter({ hasText: "Succeeded" });
  await expect(succeeded).toHaveCount(1);
  await expect(succeeded).toContainText("€120.00");
});

test("the seller voids the invoice while the customer's tab is open: Pay says it was voided", async ({
  page,
  browser,
}) => {
  await signUp(page, { business: "Void Studio" });
  await connectNewStripeAccount(page);
  const { payUrl, invoiceUrl } = await sendInvoice(page, { lines: LINES });
  const customer = await openPayPage(browser, payUrl);

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Void" }).click();
  await expect(page.getByText("Void", { exact: true }).first()).toBeVisible();

  await payWithCard(customer, CARDS.visa);
  await expect(customer.getByTestId("pay-closed")).toHaveText(
    "This invoice has been voided by the seller and can no longer be paid.",
  );
  await expect(customer.getByLabel("Card number")).toHaveCount(0);
  await page.goto(invoiceUrl);
  await expect(page.getByTestId("payment-row").filter({ hasText: "Succeeded" })).toHaveCount(0);
});
