import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";

// A customer who meets a pay link that cannot take payment is told what happened and what to do, in
// words: a link we do not know, and the link of an invoice the seller cancelled (with whom to contact).

const LINES = [{ description: "Logo design", quantity: "1", unitPrice: "400.00" }];

async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

for (const width of [1280, 390] as const) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 900 } });

    test("an unknown or cut-short link says it does not work and what to do", async ({
      visitor,
    }, testInfo) => {
      await visitor.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      const response = await visitor.goto(`/pay/${"Q".repeat(32)}`);
      expect(response?.status()).toBe(404);
      const problem = visitor.getByTestId("pay-link-problem");
      await expect(problem.getByRole("heading", { level: 1 })).toHaveText("This payment link does not work");
      await expect(problem).toContainText("No payment has been taken.");
      await expect(problem).toContainText("ask the business that sent you the invoice for a new link");
      await keepScreenshot(visitor, testInfo, `pay-link-unknown-${width}`);
      // A link cut short in an email reads the same.
      await visitor.goto("/pay/abc");
      await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("This payment link does not work");
    });

    test("a cancelled invoice's link says so and gives the seller's contact email", async ({
      page,
      seed,
      visitor,
    }, testInfo) => {
      await seed.seller({ business: "Void Studio" });
      await page.goto("/settings/business");
      const form = page.getByRole("form", { name: "Business profile" });
      await form.getByLabel("Contact email").fill("hello@void-studio.test");
      await form.getByRole("button", { name: "Save business profile" }).click();
      await expect(form.getByText("Business profile saved.")).toBeVisible();
      const invoice = await seed.sentInvoice({ lines: LINES, customer: "Northwind" });

      await page.goto(invoice.invoiceUrl);
      page.once("dialog", (dialog) => dialog.accept());
      await page.getByRole("button", { name: "Void" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Void");

      await visitor.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await visitor.goto(invoice.payUrl);
      const problem = visitor.getByTestId("pay-link-problem");
      await expect(problem.getByRole("heading", { level: 1 })).toHaveText(
        "This payment link is no longer valid",
      );
      await expect(problem).toContainText(/Void Studio cancelled invoice INV-\d+/);
      await expect(problem.getByTestId("pay-link-contact")).toContainText(
        "contact Void Studio at hello@void-studio.test.",
      );
      await expect(problem.getByRole("link", { name: "hello@void-studio.test" })).toHaveAttribute(
        "href",
        "mailto:hello@void-studio.test",
      );
      // No amounts or lines of the cancelled invoice are shown.
      await expect(visitor.getByText("Logo design")).toHaveCount(0);
      await keepScreenshot(visitor, testInfo, `pay-link-voided-${width}`);
    });
  });
}
