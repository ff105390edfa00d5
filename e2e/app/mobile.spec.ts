import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";

// At phone widths nothing scrolls sideways: the navigation folds behind a Menu button, tables scroll
// inside their own (keyboard-reachable) box, and the Customer's pay page reads at 320 px.

const LINES = [
  { description: "A rather long line description for a narrow screen", quantity: "2", unitPrice: "1250.00" },
];

async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    // The elements that stick out, named, so a failure says what to fix.
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > viewport + 1)
      // Content clipped by a scroll box of its own does not widen the page; the box does, if anything.
      .filter((el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
          if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX)) return false;
        return true;
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`);
    return { page: document.documentElement.scrollWidth, viewport, culprits };
  });
  expect(
    widths.page,
    `${page.url()} is wider than the screen: ${widths.culprits.join(" | ")}`,
  ).toBeLessThanOrEqual(widths.viewport);
}

async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("signed-in pages do not scroll sideways and the navigation folds behind Menu", async ({
    page,
    seed,
  }, testInfo) => {
    const seller = await seed.seller({ business: "Narrow Studio" });
    const invoice = await seed.sentInvoice({ lines: LINES, customer: "Very Long Customer Name Limited" });
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

    for (const path of [
      "/dashboard",
      "/invoices",
      invoice.invoiceUrl,
      "/payments",
      "/customers",
      "/settings/business",
      "/settings/payments",
    ]) {
      await page.goto(path);
      await expectNoSidewaysScroll(page);
    }
    await page.goto("/invoices");
    // The list's own box scrolls, and the keyboard can reach it.
    const list = page.getByRole("region", { name: "Table" }).first();
    await list.focus();
    await expect(list).toBeFocused();
    await keepScreenshot(page, testInfo, "invoices-390");
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
    await expectNoSidewaysScroll(visitor);
    await keepScreenshot(visitor, testInfo, "pay-page-320");
  });
});
