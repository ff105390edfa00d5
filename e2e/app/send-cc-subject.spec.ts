import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";

// The send dialog starts from the seller's subject and message (Settings → Business), takes Cc, and the
// email in the development mailbox carries exactly what was sent; history records to and cc.

const LINES = [{ description: "Retainer", quantity: "1", unitPrice: "250.00" }];

async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

async function setEmailDefaults(page: Page) {
  await page.goto("/settings/business");
  const form = page.getByRole("form", { name: "Business profile" });
  await form.getByLabel("Invoice email subject").fill("{business}: your invoice {number}");
  await form.getByLabel("Invoice email message").fill("Thank you for the work this month.");
  await form.getByRole("button", { name: "Save business profile" }).click();
  await expect(form.getByText("Business profile saved.")).toBeVisible();
}

for (const width of [1280, 390] as const) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 900 } });

    test("cc and an edited subject reach the mailbox, and history says to whom", async ({
      page,
      seed,
    }, testInfo) => {
      await seed.seller({ business: "Cc Studio" });
      await setEmailDefaults(page);
      const draft = await seed.draftInvoice({
        lines: LINES,
        customer: "Fabrikam",
        customerEmail: "ap@fabrikam.test",
      });
      await page.goto(draft.invoiceUrl);
      await page.getByRole("button", { name: "Send invoice" }).click();
      const dialog = page.getByRole("dialog", { name: /^Send INV-/ });
      const subject = dialog.getByLabel("Subject");
      // The seller's defaults, with the number and business filled in.
      await expect(subject).toHaveValue(/^Cc Studio: your invoice INV-\d+$/);
      await expect(dialog.getByLabel("Message")).toHaveValue("Thank you for the work this month.");

      // A bad address is named once, beside the field, and nothing is sent.
      await dialog.getByLabel("Cc").fill("accounts@fabrikam.test, bob");
      await dialog.getByRole("button", { name: "Send by email" }).click();
      await expect(dialog.getByText("“bob” is not an email address", { exact: false })).toHaveCount(1);
      await expect(dialog).toBeVisible();

      await dialog.getByLabel("Cc").fill("Accounts@Fabrikam.test, boss@fabrikam.test");
      const number = (await subject.inputValue()).split(" ").at(-1) ?? "";
      await subject.fill(`March retainer — ${number}`);
      await keepScreenshot(page, testInfo, `send-cc-dialog-${width}`);
      await dialog.getByRole("button", { name: "Send by email" }).click();
      await expect(dialog).toBeHidden();

      const history = page.getByRole("list", { name: "Invoice history" });
      await expect(history).toContainText(
        "Invoice emailed · to ap@fabrikam.test, cc accounts@fabrikam.test, boss@fabrikam.test",
      );

      await page.goto("/dev/mailbox");
      await page
        .getByRole("navigation", { name: "Emails" })
        .getByRole("link", { name: new RegExp(`March retainer — ${number}`) })
        .click();
      await page.waitForURL(/\/dev\/mailbox\?email=/);
      const email = page.getByTestId("mailbox-email");
      await expect(email).toContainText(`March retainer — ${number}`);
      await expect(email).toContainText("Fabrikam <ap@fabrikam.test>");
      await expect(email).toContainText("accounts@fabrikam.test, boss@fabrikam.test");
      await expect(email.getByRole("region", { name: "Plain-text version" })).toContainText(
        "Thank you for the work this month.",
      );
      await keepScreenshot(page, testInfo, `send-cc-mailbox-${width}`);
    });
  });
}
