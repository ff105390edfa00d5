import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoSidewaysScroll, keepScreenshot } from "./page-checks";

// At phone widths nothing scrolls sideways: the navigation folds behind a Menu button, lists and line
// items are stacked cards with their amounts in view, and the Customer's pay page reads at 320 px with
// its card form's room held from the first paint. (quality.spec.ts checks every page at 390 and 320 px.)

const LINES = [
  { description: "A rather long line description for a narrow screen", quantity: "2", unitPrice: "1250.00" },
];

const LONG_ADDRESS = "accounts-payable.department@a-rather-long-customer-domain.example";

/** The element lies within the screen's width: nothing of it is cut off or needs a sideways scroll. */
async function expectWithinScreen(page: Page, locator: ReturnType<Page["locator"]>) {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box && box.x >= 0 && box.x + box.width <= width, `${locator} within ${width} px`).toBe(true);
}

type LayoutShift = PerformanceEntry & { value: number; hadRecentInput: boolean };

/** Sums the page's layout shifts not caused by input (Lighthouse's CLS, over the whole visit). */
async function watchLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    const store = window as unknown as { layoutShift: number };
    store.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as LayoutShift[])
        if (!entry.hadRecentInput) store.layoutShift += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  return () => page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift);
}

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the navigation folds behind Menu; lists are cards with their amounts in view", async ({
    page,
    seed,
  }, testInfo) => {
    const seller = await seed.seller({ business: "Narrow Studio" });
    const invoice = await seed.sentInvoice({
      lines: LINES,
      customer: "Very Long Customer Name Limited",
      customerEmail: LONG_ADDRESS,
    });
    await seed.payment(invoice, seller);

    await page.goto("/dashboard");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Invoices" })).toBeHidden();
    await nav.getByRole("button", { name: "Menu" }).click();
    await expect(nav.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "true");
    await keepScreenshot(page, testInfo, "menu-open-390");
    await nav.getByRole("link", { name: "Invoices" }).click();
    await expect(page).toHaveURL(/\/invoices$/);
    await expect(nav.getByRole("link", { name: "Invoices" })).toBeHidden();

    // Each invoice is a card: its cells name their column, and the money columns are on screen.
    const card = page.getByRole("row").filter({ hasText: "Very Long Customer Name Limited" });
    await expect(card.locator('[data-label="Amount due"]')).toHaveText("£0.00");
    await expectWithinScreen(page, card.locator('[data-label="Total"]'));
    await expectWithinScreen(page, card.locator('[data-label="Amount due"]'));
    // The list's box stays reachable by keyboard (it scrolls when a table is wider than it, from sm up).
    const list = page.getByRole("region", { name: "Table" }).first();
    await list.focus();
    await expect(list).toBeFocused();
    await keepScreenshot(page, testInfo, "invoices-390");

    await page.goto("/payments");
    await expectWithinScreen(page, page.getByRole("row").locator('[data-label="Amount"]').first());

    await page.goto(invoice.invoiceUrl);
    // Line items as cards, the line's amount in view.
    const line = page.getByRole("row").filter({ hasText: LINES[0]?.description ?? "" });
    await expect(line.locator('[data-label="Amount"]')).toHaveText("£2,500.00");
    await expectWithinScreen(page, line.locator('[data-label="Amount"]'));
    // The emails list wraps a long address over a line or three, never one character per line.
    const to = page.getByTestId("email-row").filter({ hasText: LONG_ADDRESS }).locator('[data-label="To"]');
    await expectWithinScreen(page, to);
    const lines = await to.evaluate((el) => {
      const height =
        el.getBoundingClientRect().height - Number.parseFloat(getComputedStyle(el).paddingTop) * 2;
      return Math.round(height / Number.parseFloat(getComputedStyle(el).lineHeight));
    });
    expect(lines).toBeLessThanOrEqual(3);
    await keepScreenshot(page, testInfo, "invoice-390");
  });

  test("the pay page holds the card form's room from the first paint: no layout shift", async ({
    page,
    seed,
    visitor,
  }, testInfo) => {
    await seed.seller({ business: "Steady Layout Studio" });
    const invoice = await seed.sentInvoice({ lines: LINES, customer: "Shift Free Ltd" });
    // The server's HTML already holds the form's place (a skeleton the size of the form).
    const html = await (await page.request.get(invoice.payUrl)).text();
    expect(html).toContain('data-testid="payment-form-skeleton"');

    await visitor.setViewportSize({ width: 390, height: 844 });
    const shifts = await watchLayoutShifts(visitor);
    await visitor.goto(invoice.payUrl);
    await expect(visitor.getByRole("button", { name: /^Pay / })).toBeEnabled();
    await expect(visitor.getByTestId("payment-form-skeleton")).toHaveCount(0);
    expect(await shifts()).toBeLessThan(0.05);
    await keepScreenshot(visitor, testInfo, "pay-page-390");
  });
});

test.describe("at 1280 px", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("the navigation is a row of links with no Menu button", async ({ page, seed }) => {
    await seed.seller();
    await page.goto("/dashboard");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("button", { name: "Menu" })).toBeHidden();
    await expect(nav.getByRole("link", { name: "Payments" })).toBeVisible();
  });
});

test.describe("at 320 px", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test("the pay page reads without sideways scrolling, the amount due in view", async ({
    seed,
    visitor,
  }, testInfo) => {
    await seed.seller({ business: "Tiny Screen Studio" });
    const invoice = await seed.sentInvoice({ lines: LINES, customer: "Small Phone Ltd" });
    await visitor.setViewportSize({ width: 320, height: 640 });
    await visitor.goto(invoice.payUrl);
    await expect(visitor.getByTestId("amount-due")).toBeVisible();
    await expect(visitor.getByRole("button", { name: /^Pay / })).toBeVisible();
    // The line items are cards: each line's amount is on screen.
    const line = visitor.getByRole("row").filter({ hasText: LINES[0]?.description ?? "" });
    await expectWithinScreen(visitor, line.locator('[data-label="Amount"]'));
    await expectNoSidewaysScroll(visitor);
    await keepScreenshot(visitor, testInfo, "pay-page-320");
  });
});
