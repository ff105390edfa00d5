import type { Page, TestInfo } from "@playwright/test";
import { expect, signUp, test } from "./fixtures";

// A new seller's dates read as their own browser does: the time zone and language are taken at sign-up.
// And wherever an invoice is shown, its line amounts add up to the subtotal before tax is added.

async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

/**
 * A zone whose calendar day differs from UTC's right now (UTC+14 from 10:00 UTC, UTC−11 before 11:00), so
 * an invoice dated by UTC's day instead of the User's would fail whatever the hour of the run.
 */
const FAR_ZONE = new Date().getUTCHours() >= 10 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";

/** "£1,234.50" → 123450 (every amount here is written with two decimals). */
const minor = (text: string) => Number(text.replace(/[^\d]/g, ""));

for (const width of [1280, 390] as const) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 900 } });

    test.describe("signed up far from UTC, in US English", () => {
      test.use({ timezoneId: FAR_ZONE, locale: "en-US" });

      test("Settings → Business starts with the browser's time zone and language, and a new invoice is dated today there", async ({
        page,
      }, testInfo) => {
        await signUp(page, { business: "Kiwi Studio" });
        await page.goto("/settings/business");
        const form = page.getByRole("form", { name: "Business profile" });
        await expect(form.getByLabel("Time zone")).toHaveValue(FAR_ZONE);
        await expect(form.getByLabel("Language and region")).toHaveValue("en-US");
        await keepScreenshot(page, testInfo, `preferences-from-browser-${width}`);

        const today = new Intl.DateTimeFormat("en-CA", { timeZone: FAR_ZONE }).format(new Date());
        await page.goto("/customers/new");
        await page.getByLabel("Name").fill("Tui Ltd");
        await page.getByRole("button", { name: "Add customer" }).click();
        await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
        await page.goto("/invoices/new");
        await expect(page.getByLabel("Issue date")).toHaveValue(today);
      });
    });

    test("the invoice and pay pages show lines before tax that add up to the subtotal", async ({
      page,
      seed,
      visitor,
    }, testInfo) => {
      await seed.seller({ business: "Sums Ltd" });
      const invoice = await seed.sentInvoice({
        customer: "Adder plc",
        lines: [
          { description: "Design", quantity: "2", unitPrice: "100.00", taxRate: "20" },
          { description: "Hosting", quantity: "3", unitPrice: "33.33", taxRate: "5" },
          { description: "Advice", quantity: "1.5", unitPrice: "80.00" },
        ],
      });
      for (const [viewer, url] of [
        [page, invoice.invoiceUrl],
        [visitor, invoice.payUrl],
      ] as const) {
        await viewer.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await viewer.goto(url);
        const doc = viewer.getByRole("article", { name: /^Invoice INV-/ });
        const amounts = await doc.locator("tbody tr td:last-child").allInnerTexts();
        expect(amounts).toEqual(["£200.00", "£99.99", "£120.00"]);
        const figure = async (label: string) =>
          minor(
            (await doc
              .locator("dl div", { has: viewer.getByText(label, { exact: true }) })
              .locator("dd")
              .textContent()) ?? "",
          );
        const subtotal = await figure("Subtotal");
        expect(amounts.reduce((sum, a) => sum + minor(a), 0)).toBe(subtotal);
        expect(subtotal + (await figure("Tax"))).toBe(await figure("Total"));
      }
      await keepScreenshot(visitor, testInfo, `pay-page-line-sums-${width}`);
    });
  });
}
