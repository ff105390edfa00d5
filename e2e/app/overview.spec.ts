import { readFile } from "node:fs/promises";
import type { Download, Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";

// The dashboard that answers "how am I doing" and the way to find and hand over records, at a desktop
// and a phone width: the first-run checklist from real state, the Stripe prompt where payment needs it,
// the per-currency overview with recent payments and refunds, invoice search and filters kept in the
// URL, and the CSV downloads.

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

/** The downloaded CSV's text; the file is kept with the test's artifacts. */
async function keepDownload(download: Download, testInfo: TestInfo, name: string): Promise<string> {
  const path = await download.path();
  const body = await readFile(path);
  await testInfo.attach(name, { body, contentType: "text/csv" });
  return body.toString("utf8");
}

for (const width of [1280, 390] as const) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 900 } });

    test("the first-run checklist follows what the seller has done, and the Stripe prompt shows until connected", async ({
      page,
      seed,
    }, testInfo) => {
      await seed.user({ business: "Fresh Studio" });
      await page.goto("/dashboard");
      const checklist = page.getByRole("region", { name: "Get set up to be paid" });
      await expect(checklist).toContainText("1 of 5 done");
      await expect(
        checklist.getByRole("listitem").filter({ hasText: "Confirm your email address" }),
      ).toContainText("(done)");
      await keepScreenshot(page, testInfo, `checklist-new-${width}`);

      // Every step links to where it is done.
      await checklist.getByRole("link", { name: "Connect or create a Stripe account" }).click();
      await expect(page).toHaveURL(/\/settings\/payments$/);
      await page.goto("/invoices/new");
      await expect(page.getByTestId("connect-stripe-prompt")).toContainText("Connect Stripe to get paid");
      await page.getByTestId("connect-stripe-prompt").getByRole("link", { name: "Connect Stripe" }).click();
      await expect(page).toHaveURL(/\/settings\/payments$/);

      await seed.connect();
      const invoice = await seed.sentInvoice({
        lines: [{ description: "Logo", quantity: "1", unitPrice: "300.00" }],
        customer: "First Customer Ltd",
      });
      await page.goto(invoice.invoiceUrl);
      await expect(page.getByTestId("connect-stripe-prompt")).toHaveCount(0);

      await page.goto("/dashboard");
      await expect(checklist).toContainText("4 of 5 done");
      const business = checklist.getByRole("listitem").filter({ hasText: "Add your business details" });
      await expect(business).toContainText("(to do)");
      await keepScreenshot(page, testInfo, `checklist-almost-${width}`);
      await checklist.getByRole("button", { name: "Hide this list" }).click();
      await expect(checklist).toHaveCount(0);
      await page.reload();
      await expect(page.getByRole("heading", { name: "How you are doing" })).toBeVisible();
      await expect(checklist).toHaveCount(0);
    });

    test("the overview shows collected (net of refunds), outstanding, overdue and recent money per currency", async ({
      page,
      seed,
    }, testInfo) => {
      const seller = await seed.seller({ business: "Overview Studio" });
      const paid = await seed.sentInvoice({
        lines: [{ description: "Workshop", quantity: "1", unitPrice: "80.00" }],
        customer: "Paying Customer Ltd",
      });
      await seed.payment(paid, seller);
      await seed.sentInvoice({
        lines: [{ description: "Audit", quantity: "1", unitPrice: "45.00" }],
        customer: "Late Customer Ltd",
        dueDate: isoDay(-5),
      });
      await seed.sentInvoice({ lines: [{ description: "Retainer", quantity: "1", unitPrice: "100.00" }] });

      // A £20 refund, confirmed through the UI.
      await page.goto(paid.invoiceUrl);
      await page.getByTestId("payment-row").getByRole("link", { name: "Refund" }).click();
      const form = page.getByRole("form", { name: "Refund" });
      await form.getByLabel(/^Amount/).fill("20.00");
      await form.getByRole("button", { name: "Review refund" }).click();
      await page
        .getByRole("region", { name: "Confirm refund" })
        .getByRole("button", { name: "Refund £20.00" })
        .click();
      await expect(page.getByTestId("refund-outcome")).toHaveText("Refunded £20.00.");

      await page.goto("/dashboard");
      const month = page.getByTestId("collected-card").first();
      await expect(month).toContainText("(GBP), net of refunds");
      await expect(month).toContainText("£60.00");
      await expect(month).toContainText("£80.00 received, £20.00 refunded");
      await expect(page.getByTestId("collected-card").nth(1)).toContainText("last 30 days");
      await expect(page.getByTestId("outstanding-card")).toContainText("£145.00");
      await expect(page.getByTestId("outstanding-card")).toContainText("2 open invoices");
      await expect(page.getByTestId("overdue-card")).toContainText("£45.00");
      await expect(page.getByTestId("overdue-card")).toContainText("1 overdue invoice");
      const payment = page.getByTestId("recent-payment");
      await expect(payment).toHaveCount(1);
      await expect(payment).toContainText("Paying Customer Ltd");
      await expect(payment).toContainText("Partially refunded");
      const refund = page.getByTestId("recent-refund");
      await expect(refund).toContainText("Paying Customer Ltd");
      await expect(refund).toContainText("£20.00");
      await keepScreenshot(page, testInfo, `overview-${width}`);
      // Nothing on the overview widens the page: tables scroll inside their own box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

      await refund.getByRole("link", { name: /^INV-/ }).click();
      await expect(page).toHaveURL(paid.invoiceUrl);
      await page.goto("/dashboard");
      await page.getByTestId("overdue-card").getByRole("link", { name: "1 overdue invoice" }).click();
      await expect(page).toHaveURL(/status=overdue/);
      await expect(page.getByText("Late Customer Ltd")).toBeVisible();
    });

    test("invoices are searched and filtered from the URL, and exported as CSV with the same filters", async ({
      page,
      seed,
    }, testInfo) => {
      const seller = await seed.seller({ business: "Search Studio" });
      const acme = await seed.sentInvoice({
        lines: [{ description: "Design", quantity: "1", unitPrice: "120.50" }],
        customer: "Acme Ltd",
        customerEmail: "billing@acme.test",
      });
      await seed.sentInvoice({
        lines: [{ description: "Support", quantity: "1", unitPrice: "80.00" }],
        customer: '=HYPERLINK("http://evil.test","Zoë Café")',
        customerEmail: "zoe@cafe.test",
        dueDate: isoDay(-3),
      });
      await seed.draftInvoice({
        lines: [{ description: "Draft work", quantity: "2", unitPrice: "61.25" }],
        customer: "Acme Draft Co",
      });
      await seed.payment(acme, seller);

      await page.goto("/invoices");
      const search = page.getByRole("search", { name: "Search invoices" });
      await search.getByLabel("Search").fill("acme");
      await search.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/[?&]q=acme/);
      const list = page.locator("main");
      await expect(list.getByText("Acme Ltd")).toBeVisible();
      await expect(list.getByText("Acme Draft Co")).toBeVisible();
      await expect(list.getByText("Zoë Café", { exact: false })).toHaveCount(0);

      // The filter is the URL: a reload (or a shared link) shows the same list; status tabs keep the search.
      await page.reload();
      await expect(search.getByLabel("Search")).toHaveValue("acme");
      await page
        .getByRole("navigation", { name: "Filter by status" })
        .getByRole("link", { name: "Drafts" })
        .click();
      await expect(page).toHaveURL(/status=draft/);
      await expect(page).toHaveURL(/q=acme/);
      await expect(list.getByText("Acme Draft Co")).toBeVisible();
      await expect(list.getByText("Acme Ltd", { exact: true })).toHaveCount(0);
      await keepScreenshot(page, testInfo, `search-drafts-${width}`);

      // An amount, in the invoice currency's own units.
      await page.goto("/invoices?q=120.50");
      await expect(list.getByText("Acme Ltd")).toBeVisible();
      await expect(list.getByText("Acme Draft Co")).toHaveCount(0);

      // Overdue and a due-date range, typed into the form.
      await page.goto("/invoices?status=overdue");
      await search.getByLabel("Dates by").selectOption("due");
      await search.getByLabel("From").fill(isoDay(-10));
      await search.getByLabel("To").fill(isoDay(-1));
      await search.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/dates=due/);
      await expect(page).toHaveURL(/status=overdue/);
      await expect(list.getByText("Zoë Café", { exact: false })).toBeVisible();
      await expect(list.getByText("Acme Ltd")).toHaveCount(0);
      await keepScreenshot(page, testInfo, `filter-overdue-dates-${width}`);

      // The export takes the list's filters; the hostile customer name arrives as text, not a formula.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Export CSV" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^invoices-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await keepDownload(download, testInfo, `invoices-overdue-${width}.csv`);
      const lines = csv
        .replace(/^\uFEFF/, "")
        .trimEnd()
        .split("\r\n");
      expect(lines[0]).toContain("number,status,customer_name");
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('"\'=HYPERLINK(""http://evil.test"",""Zoë Café"")"');
      expect(lines[1]).toContain(",Overdue,");
      expect(lines[1]).toContain(",8000,80.00,");

      await page.goto("/payments");
      const [payments] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Export payments (CSV)" }).click(),
      ]);
      const paymentsCsv = await keepDownload(payments, testInfo, `payments-${width}.csv`);
      expect(paymentsCsv).toMatch(/,12050,120\.50,/);
      expect(paymentsCsv).toMatch(/pi_[A-Za-z0-9]+/);
      await keepScreenshot(page, testInfo, `payments-export-${width}`);
    });
  });
}
