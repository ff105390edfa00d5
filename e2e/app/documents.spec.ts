import { readFile } from "node:fs/promises";
import type { Download, Page } from "@playwright/test";
import { solidPng } from "../../tests/support/images";
import { pdfText, words } from "../../tests/support/pdf-text";
import { CARDS, expect, payWithCard, seeder, test } from "./fixtures";

const LINES = [{ description: "Consulting", quantity: "2", unitPrice: "60.00" }];

/** Clicks a download link and returns the file's name and its text as pdftotext reads it. */
async function downloadPdf(page: Page, click: () => Promise<void>) {
  const downloading = page.waitForEvent("download");
  await click();
  const download: Download = await downloading;
  const path = await download.path();
  const bytes = await readFile(path);
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  return { name: download.suggestedFilename(), text: words(pdfText(bytes)) };
}

async function fillProfile(page: Page) {
  await page.goto("/settings/business");
  const form = page.getByRole("form", { name: "Business profile" });
  await form.getByLabel("Trading name").fill("Docs Studio");
  await form.getByLabel("Legal name").fill("Docs Studio Ltd");
  await form.getByLabel("Tax or VAT registration number").fill("GB987654321");
  await form.getByLabel("Contact email").fill("hello@docs-studio.test");
  await form.getByLabel("Address").fill("2 Market Square\nLeeds LS1 1AA");
  await form.getByLabel("Invoice number prefix").fill("DOCS-");
  await form.getByRole("button", { name: "Save business profile" }).click();
  await expect(page.getByText("Business profile saved.")).toBeVisible();
}

test("business profile on the documents: invoice, receipt and credit note download and arrive attached to their emails", async ({
  page,
  seed,
}) => {
  await seed.seller({ business: "Account Name" });
  await fillProfile(page);
  await page.getByLabel("Upload a logo").setInputFiles({
    name: "logo.png",
    mimeType: "image/png",
    buffer: solidPng(240, 80),
  });
  await expect(page.getByText("Logo saved.")).toBeVisible();

  const invoice = await seed.sentInvoice({ customer: "Contoso Docs", lines: LINES });
  await page.goto(invoice.invoiceUrl);
  await expect(page.getByRole("article", { name: /^Invoice DOCS-0001$/ })).toContainText(
    "VAT / Tax ID: GB987654321",
  );
  const fromDashboard = await downloadPdf(page, () => page.getByTestId("download-invoice-pdf").click());
  expect(fromDashboard.name).toBe("invoice-DOCS-0001.pdf");
  for (const expected of [
    "Docs Studio Ltd",
    "2 Market Square",
    "VAT / Tax ID: GB987654321",
    "Contoso Docs",
    "Total £120.00",
  ]) {
    expect(fromDashboard.text).toContain(expected);
  }

  // Printed, the page is the invoice alone.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("heading", { name: "Payments" })).toBeHidden();
  await expect(page.getByTestId("download-invoice-pdf")).toBeHidden();
  await expect(page.getByRole("article", { name: /^Invoice DOCS-0001$/ })).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // The invoice email, with the invoice attached (read in the development mailbox).
  const form = page.getByRole("form", { name: "Send by email" });
  await form.getByRole("button", { name: "Send by email" }).click();
  await expect(page.getByTestId("email-outcome")).toContainText("Invoice email queued");
  await page.goto("/dev/mailbox");
  const attached = await downloadPdf(page, () => page.getByTestId("mailbox-attachment").click());
  expect(attached.name).toBe("invoice-DOCS-0001.pdf");
  expect(attached.text).toContain("Total £120.00");

  // The Customer: the pay page shows the contact address and offers the PDF; after paying, the receipt.
  await page.goto(invoice.payUrl);
  await expect(page.getByText("Contact Docs Studio at hello@docs-studio.test")).toBeVisible();
  const fromPayPage = await downloadPdf(page, () => page.getByTestId("download-invoice-pdf").click());
  expect(fromPayPage.text).toContain("DOCS-0001");
  await payWithCard(page, CARDS.visa);
  await expect(page.getByRole("heading", { name: /Payment received/ })).toBeVisible();
  const receipt = await downloadPdf(page, () => page.getByTestId("download-receipt-pdf").click());
  expect(receipt.name).toBe("receipt-DOCS-0001-R1.pdf");
  expect(receipt.text).toContain("Amount paid £120.00");

  await page.goto("/dev/mailbox");
  await page
    .getByRole("navigation", { name: "Emails" })
    .getByRole("link", { name: /^Receipt for your payment/ })
    .click();
  const receiptAttached = await downloadPdf(page, () => page.getByTestId("mailbox-attachment").click());
  expect(receiptAttached.name).toBe("receipt-DOCS-0001-R1.pdf");

  // A refund: its email carries the credit note, numbered in its own sequence.
  await page.goto(invoice.invoiceUrl);
  await page.getByTestId("payment-row").getByRole("link", { name: "Refund" }).click();
  const refundForm = page.getByRole("form", { name: "Refund" });
  await refundForm.getByLabel(/^Amount/).fill("20.00");
  await refundForm.getByRole("button", { name: "Review refund" }).click();
  await page
    .getByRole("region", { name: "Confirm refund" })
    .getByRole("button", { name: "Refund £20.00" })
    .click();
  await expect(page.getByTestId("refund-outcome")).toHaveText("Refunded £20.00.");
  const creditNote = await downloadPdf(page, () => page.getByTestId("download-credit-note-pdf").click());
  expect(creditNote.name).toBe("credit-note-CN-0001.pdf");
  expect(creditNote.text).toContain("Credited −£20.00");
  expect(creditNote.text).toContain("Refund against invoice DOCS-0001");

  await page.goto("/dev/mailbox");
  await page
    .getByRole("navigation", { name: "Emails" })
    .getByRole("link", { name: /^Refund of £20\.00/ })
    .click();
  const creditAttached = await downloadPdf(page, () => page.getByTestId("mailbox-attachment").click());
  expect(creditAttached.name).toBe("credit-note-CN-0001.pdf");
});

test("a file that is not an image is refused as a logo with a clear message", async ({ page, seed }) => {
  await seed.user();
  await page.goto("/settings/business");
  await page.getByLabel("Upload a logo").setInputFiles({
    name: "logo.png",
    mimeType: "image/png",
    buffer: Buffer.from("this is not a picture"),
  });
  await expect(page.getByText("The logo must be a PNG or JPEG image.")).toBeVisible();
  await expect(page.getByText("No logo yet.", { exact: false })).toBeVisible();
});

test("another User's invoice PDF is a plain 404, and a signed-out visitor is asked to sign in", async ({
  page,
  seed,
  browser,
  baseURL,
}) => {
  await seed.user();
  const invoice = await seed.sentInvoice({ lines: LINES });
  const own = await page.request.get(`${invoice.invoiceUrl}/pdf`);
  expect(own.headers()["content-disposition"]).toBe('attachment; filename="invoice-INV-0001.pdf"');

  const other = await browser.newContext({ baseURL });
  try {
    expect((await other.request.get(`${invoice.invoiceUrl}/pdf`)).status()).toBe(401);
    await seeder(other.request).user();
    expect((await other.request.get(`${invoice.invoiceUrl}/pdf`)).status()).toBe(404);
    expect((await other.request.get(`/pay/${"A".repeat(43)}/pdf`)).status()).toBe(404);
  } finally {
    await other.close();
  }
});
