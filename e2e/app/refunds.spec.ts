import type { Page } from "@playwright/test";
import { createControlClient } from "../../emulator/control-client";
import { expect, type Seeder, test } from "./fixtures";
import { emulatorUrl } from "./seed";

// The emulator's control API plays the seller's Stripe dashboard and the passing of time (async
// refund outcomes).
const control = createControlClient(emulatorUrl());

const LINES = [{ description: "Consulting", quantity: "2", unitPrice: "60.00" }];

/**
 * A seeded seller with a new connected account and a £120.00 invoice the Customer has paid with
 * `paymentMethod` (seeded too: paying through the Payment Element is pay.spec.ts's subject).
 */
async function paidInvoice(seed: Seeder, paymentMethod = "pm_card_visa") {
  const seller = await seed.seller({ business: "Refund Studio" });
  const invoice = await seed.sentInvoice({ lines: LINES });
  const { paymentIntentId } = await seed.payment(invoice, seller, paymentMethod);
  return { accountId: seller.accountId, invoiceUrl: invoice.invoiceUrl, paymentIntentId };
}

async function openRefundForm(page: Page, invoiceUrl: string) {
  await page.goto(invoiceUrl);
  await page.getByTestId("payment-row").getByRole("link", { name: "Refund" }).click();
  await expect(page.getByRole("heading", { name: /Payment of £120\.00/ })).toBeVisible();
}

/**
 * Fills the form, asks to refund, and confirms the refund the confirmation names (`confirm: false` for an
 * amount the form sends straight to the server, which refuses it with no confirmation step).
 */
async function refund(page: Page, amount: string, options: { reason?: string; confirm?: boolean } = {}) {
  const form = page.getByRole("form", { name: "Refund" });
  await form.getByLabel(/^Amount/).fill(amount);
  await form.getByLabel("Reason").selectOption({ label: options.reason ?? "Requested by customer" });
  await form.getByRole("button", { name: "Review refund" }).click();
  if (options.confirm === false) return;
  const confirmation = page.getByRole("region", { name: "Confirm refund" });
  await expect(confirmation).toContainText(`Refund £${amount} to`);
  await confirmation.getByRole("button", { name: `Refund £${amount}` }).click();
}

test("pay, refund part, then the rest: the invoice reads refunded", async ({ page, seed }) => {
  const { invoiceUrl } = await paidInvoice(seed);
  await openRefundForm(page, invoiceUrl);
  await expect(page.getByTestId("figure-paid")).toHaveText("£120.00");
  await expect(page.getByTestId("figure-refundable")).toHaveText("£120.00");
  await expect(page.getByLabel(/^Amount/)).toHaveValue("120.00");

  await page.getByLabel("Note").fill("Half a day was cancelled");
  await refund(page, "20.00");
  await expect(page.getByTestId("refund-outcome")).toHaveText("Refunded £20.00.");
  await expect(page.getByTestId("figure-refunded")).toHaveText("£20.00");
  await expect(page.getByTestId("figure-refundable")).toHaveText("£100.00");
  await expect(page.getByLabel(/^Amount/)).toHaveValue("100.00");

  await refund(page, "100.01", { confirm: false });
  await expect(page.getByText("You can refund at most £100.00 of this payment.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Confirm refund" })).toHaveCount(0);

  await refund(page, "100.00", { reason: "Duplicate" });
  await expect(page.getByTestId("refund-outcome")).toHaveText("Refunded £100.00.");
  await expect(page.getByTestId("figure-refunded")).toHaveText("£120.00");
  await expect(page.getByText("Nothing is left to refund on this payment.")).toBeVisible();
  await expect(page.getByTestId("refund-row")).toHaveCount(2);

  await page.getByRole("link", { name: /^INV-/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Refunded");
  const history = page.getByRole("list", { name: "Invoice history" });
  await expect(history).toContainText("Refund requested");
  await expect(history).toContainText("Refund succeeded");
  await expect(page.getByTestId("payment-row")).toContainText("£120.00");
});

test("a refund made in the Stripe dashboard appears on the invoice after the webhook", async ({
  page,
  seed,
}) => {
  const { accountId, invoiceUrl, paymentIntentId } = await paidInvoice(seed);
  await control.dashboardRefund(accountId, { payment_intent: paymentIntentId, amount: 3_000 });
  await expect
    .poll(
      async () => {
        await page.goto(invoiceUrl);
        return page.getByRole("heading", { level: 1 }).textContent();
      },
      { timeout: 20_000 },
    )
    .toContain("Partially refunded");
  const row = page.getByTestId("refund-row");
  await expect(row).toContainText("Stripe dashboard");
  await expect(row).toContainText("£30.00");
  await expect(row).toContainText("Refunded");
  await expect(page.getByRole("list", { name: "Invoice history" })).toContainText(
    "Refund made in the Stripe dashboard",
  );
});

test("a refund that fails later shows as failed and the amount can be refunded again", async ({
  page,
  seed,
}) => {
  // Card 5126: the refund succeeds at first and fails days later.
  const { invoiceUrl } = await paidInvoice(seed, "pm_card_refundFail");
  await openRefundForm(page, invoiceUrl);
  await refund(page, "30.00");
  await expect(page.getByTestId("refund-outcome")).toHaveText("Refunded £30.00.");
  await expect(page.getByTestId("figure-refundable")).toHaveText("£90.00");

  // Days later the card issuer rejects it (card 5126): Stripe sends refund.failed.
  await control.settle();
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("refund-row").textContent();
      },
      { timeout: 20_000 },
    )
    .toContain("Failed");
  await expect(page.getByTestId("refund-row")).toContainText("the card has expired or was canceled");
  await expect(page.getByTestId("figure-refunded")).toHaveText("£0.00");
  await expect(page.getByTestId("figure-refundable")).toHaveText("£120.00");

  await page.goto(invoiceUrl);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Paid");
  await expect(page.getByRole("list", { name: "Invoice history" })).toContainText("Refund failed");
});
