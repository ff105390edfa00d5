import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";

// "Send invoice" is one dialog that issues and emails the invoice; copying the link is the secondary path.
// At a desktop and a phone width, with screenshots kept.

const LINES = [{ description: "Retainer", quantity: "1", unitPrice: "250.00" }];

async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

for (const width of [1280, 390] as const) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 900 } });

    test("send emails the invoice with its PDF and history says so", async ({ page, seed }, testInfo) => {
      await seed.seller({ business: "Dialog Studio" });
      const draft = await seed.draftInvoice({
        lines: LINES,
        customer: "Fabrikam",
        customerEmail: "ap@fabrikam.test",
      });
      await page.goto(draft.invoiceUrl);
      await page.getByRole("button", { name: "Send invoice" }).click();
      const dialog = page.getByRole("dialog", { name: /^Send INV-/ });
      await expect(dialog).toContainText("Fabrikam <ap@fabrikam.test>");
      await expect(dialog.getByLabel("Subject")).toHaveValue(/^Invoice INV-\d+ from Dialog Studio$/);
      await expect(dialog).toContainText("The invoice as a PDF, and its pay link");
      // Stripe is connected: no warning.
      await expect(dialog.getByTestId("send-stripe-warning")).toHaveCount(0);
      await keepScreenshot(page, testInfo, `send-dialog-${width}`);

      await dialog.getByRole("button", { name: "Send by email" }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Open");
      await expect(page.getByLabel(/Pay link/)).toHaveValue(/\/pay\/[A-Za-z0-9_-]{32}$/);
      const history = page.getByRole("list", { name: "Invoice history" });
      await expect(history).toContainText("Invoice issued; pay link created");
      await expect(history).toContainText("Invoice emailed · to ap@fabrikam.test");
      await expect(page.getByTestId("email-row")).toHaveCount(1);
      await expect(page.getByRole("button", { name: "Send invoice" })).toHaveCount(0);
    });

    test("a customer without an email address: the dialog says so, and Copy link issues it without an email", async ({
      page,
      seed,
    }, testInfo) => {
      await seed.seller({ business: "Dialog Studio" });
      const draft = await seed.draftInvoice({ lines: LINES, customer: "No Mail Ltd", customerEmail: null });
      await page.goto(draft.invoiceUrl);
      await page.getByRole("button", { name: "Send invoice" }).click();
      const dialog = page.getByRole("dialog", { name: /^Send INV-/ });
      await expect(dialog.getByTestId("send-no-email")).toContainText("No Mail Ltd has no email address");
      await expect(dialog.getByRole("button", { name: "Send by email" })).toBeDisabled();
      await keepScreenshot(page, testInfo, `send-dialog-no-email-${width}`);

      await dialog.getByRole("button", { name: "Don’t email; copy link" }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByLabel(/Pay link/)).toHaveValue(/\/pay\/[A-Za-z0-9_-]{32}$/);
      const history = page.getByRole("list", { name: "Invoice history" });
      await expect(history).toContainText("Invoice issued; pay link created");
      await expect(history).not.toContainText("Invoice emailed");
      await expect(page.getByTestId("email-row")).toHaveCount(0);
    });
  });
}
