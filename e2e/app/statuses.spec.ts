import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";

// Statuses that tell the truth, at a desktop and a phone width: an invoice past its due date reads
// Overdue (list, filter, dashboard), and a payment refunded in full reads Refunded everywhere, the
// Customer's pay page included, which then offers no payment.

const LINES = [{ description: "Workshop", quantity: "1", unitPrice: "80.00" }];

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

for (const width of [1280, 390] as const) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 900 } });

    test("an invoice past its due date reads Overdue, is filtered and counted", async ({
      page,
      seed,
    }, testInfo) => {
      await seed.seller({ business: "Late Studio" });
      const late = await seed.sentInvoice({ lines: LINES, customer: "Slow Payer Ltd", dueDate: isoDay(-5) });
      await seed.sentInvoice({ lines: LINES, customer: "Prompt Payer Ltd" });
      // Due today is not overdue: the User has until their own midnight.
      await seed.sentInvoice({ lines: LINES, customer: "Due Today Ltd", dueDate: isoDay(0) });

      await page.goto("/invoices");
      const lateRow = page.getByRole("row").filter({ hasText: "Slow Payer Ltd" });
      await expect(lateRow).toContainText("Overdue");
      await expect(page.getByRole("row").filter({ hasText: "Prompt Payer Ltd" })).toContainText("Open");
      await expect(page.getByRole("row").filter({ hasText: "Due Today Ltd" })).toContainText("Open");

      await page
        .getByRole("navigation", { name: "Filter by status" })
        .getByRole("link", { name: "Overdue" })
        .click();
      await expect(page).toHaveURL(/status=overdue/);
      await expect(page.getByRole("row").filter({ hasText: "Slow Payer Ltd" })).toHaveCount(1);
      await expect(page.getByRole("row").filter({ hasText: "Prompt Payer Ltd" })).toHaveCount(0);
      await expect(page.getByRole("row").filter({ hasText: "Due Today Ltd" })).toHaveCount(0);
      await keepScreenshot(page, testInfo, `overdue-filter-${width}`);

      await page.goto(late.invoiceUrl);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Overdue");

      await page.goto("/dashboard");
      const card = page.getByTestId("overdue-card");
      await expect(card).toContainText("Overdue in GBP");
      await expect(card).toContainText("£80.00");
      await expect(card).toContainText("1 overdue invoice");
      await keepScreenshot(page, testInfo, `dashboard-overdue-${width}`);
    });

    test("a refund confirms amount and customer; refunded in full reads Refunded, and the pay page stops offering payment", async ({
      page,
      seed,
      visitor,
    }, testInfo) => {
      const seller = await seed.seller({ business: "Refund Studio" });
      const invoice = await seed.sentInvoice({ lines: LINES, customer: "Refundee Ltd" });
      await seed.payment(invoice, seller);

      await page.goto(invoice.invoiceUrl);
      await page.getByTestId("payment-row").getByRole("link", { name: "Refund" }).click();
      const form = page.getByRole("form", { name: "Refund" });
      await form.getByRole("button", { name: "Review refund" }).click();
      const confirmation = page.getByRole("region", { name: "Confirm refund" });
      await expect(confirmation).toContainText("Refund £80.00 to Refundee Ltd?");
      await expect(confirmation).toContainText("Visa ending 4242");
      await keepScreenshot(page, testInfo, `refund-confirmation-${width}`);
      // Nothing is refunded until the User confirms: going back leaves the figures as they were.
      await confirmation.getByRole("button", { name: "Change" }).click();
      await expect(confirmation).toHaveCount(0);
      await expect(page.getByTestId("figure-refunded")).toHaveText("£0.00");

      await form.getByLabel(/^Amount/).fill("30.00");
      await form.getByRole("button", { name: "Review refund" }).click();
      await confirmation.getByRole("button", { name: "Refund £30.00" }).click();
      await expect(page.getByTestId("refund-outcome")).toHaveText("Refunded £30.00.");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Partially refunded");

      await visitor.goto(invoice.payUrl);
      await expect(visitor.getByTestId("pay-refund-notice")).toHaveText(
        "This invoice has been paid. £30.00 of it was refunded to you.",
      );

      await form.getByRole("button", { name: "Review refund" }).click();
      await confirmation.getByRole("button", { name: "Refund £50.00" }).click();
      await expect(page.getByTestId("refund-outcome")).toHaveText("Refunded £50.00.");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Refunded");
      await expect(page.getByRole("heading", { level: 1 })).not.toContainText("Partially");

      await page.goto("/payments");
      const row = page.getByRole("row").filter({ hasText: /INV-/ });
      await expect(row).toContainText("Refundee Ltd");
      await expect(row).toContainText("Refunded");
      await expect(row).not.toContainText("Succeeded");
      await expect(row.getByRole("link", { name: /^View payment/ })).toBeVisible();
      await expect(row.getByRole("link", { name: /^Refund or view/ })).toHaveCount(0);

      await page.goto(invoice.invoiceUrl);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Refunded");
      await expect(page.getByTestId("payment-row")).toContainText("Refunded");
      await expect(page.getByTestId("payment-row").getByRole("link", { name: "Refund" })).toHaveCount(0);

      await visitor.reload();
      await expect(visitor.getByTestId("pay-refund-notice")).toHaveText(
        "This invoice was refunded: £80.00 was returned to you. There is nothing to pay.",
      );
      await expect(visitor.getByText("This invoice has been paid. Thank you.")).toHaveCount(0);
      await expect(visitor.getByRole("button", { name: /^Pay / })).toHaveCount(0);
      await keepScreenshot(visitor, testInfo, `pay-page-refunded-${width}`);
    });
  });
}
