import { CARDS, expect, payWithCard, test } from "./fixtures";

// The e2e server has no SMTP_URL: emails stay in the outbox, and the development mailbox (there because
// payments go to the emulator) is where the Customer's inbox is read.

test("send an invoice by email, pay from the link in the development mailbox, and find the receipt there", async ({
  page,
  seed,
}) => {
  await seed.seller({ business: "Mailbox Studio" });
  const { invoiceUrl } = await seed.sentInvoice({
    customer: "Contoso Mail",
    lines: [{ description: "Consulting", quantity: "2", unitPrice: "60.00" }],
  });
  await page.goto(invoiceUrl);

  const form = page.getByRole("form", { name: "Send by email" });
  await expect(form).toContainText("billing@customer.test");
  await form.getByLabel("Message").fill("Thanks for your business!\nPayment within 14 days, please.");
  await form.getByRole("button", { name: "Send by email" }).click();
  await expect(page.getByTestId("email-outcome")).toHaveText(
    "Invoice email queued for billing@customer.test.",
  );
  const emails = page.getByRole("table", { name: "Emails about this invoice" });
  await expect(emails.getByTestId("email-row")).toHaveCount(1);
  await expect(emails).toContainText("Invoice INV-0001 from Mailbox Studio");
  await expect(emails).toContainText("Kept (not sent)");

  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Development mailbox" }).click();
  await expect(page.getByRole("heading", { name: "Development mailbox", level: 1 })).toBeVisible();
  const email = page.getByTestId("mailbox-email");
  await expect(email).toContainText("Subject");
  await expect(page.getByRole("heading", { name: "Invoice INV-0001 from Mailbox Studio" })).toBeVisible();
  await expect(email).toContainText("Contoso Mail <billing@customer.test>");
  const plain = email.getByRole("region", { name: "Plain-text version" });
  await expect(plain).toContainText("Amount due: £120.00");
  await expect(plain).toContainText("Thanks for your business!");
  // The HTML part renders in a sandboxed frame.
  await expect(
    page.frameLocator('iframe[title="HTML version"]').getByRole("link", { name: "Pay £120.00" }),
  ).toBeVisible();

  await plain.getByRole("link", { name: /\/pay\/[A-Za-z0-9_-]{32}$/ }).click();
  await expect(page.getByTestId("amount-due")).toHaveText("£120.00");
  await payWithCard(page, CARDS.visa);
  await expect(page.getByRole("heading", { name: /Payment received/ })).toBeVisible();

  await page.goto("/dev/mailbox");
  const list = page.getByRole("navigation", { name: "Emails" });
  // The invoice, the receipt, the paid notice, and the seller's own sign-up confirmation.
  await expect(list.getByRole("link")).toHaveCount(4);
  await expect(list.getByRole("link", { name: /You were paid £120\.00 for INV-0001/ })).toBeVisible();
  await list.getByRole("link", { name: /Receipt for your payment of £120\.00 to Mailbox Studio/ }).click();
  const receipt = page.getByTestId("mailbox-email").getByRole("region", { name: "Plain-text version" });
  await expect(receipt).toContainText("Amount paid: £120.00");
  await expect(receipt).toContainText("Card: Visa ending 4242");
  await expect(receipt).toContainText("Invoice: INV-0001");
  await expect(receipt).toContainText("Remaining due: £0.00");
  await expect(page.getByTestId("mailbox-email")).toContainText("To");
  await expect(page.getByTestId("mailbox-email")).toContainText("Contoso Mail <billing@customer.test>");

  await page.goto(invoiceUrl);
  const rows = page.getByRole("table", { name: "Emails about this invoice" }).getByTestId("email-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "Payment receipt" })).toHaveCount(1);
  // Paid in full: nothing left to email about.
  await expect(page.getByRole("form", { name: "Send by email" })).toHaveCount(0);
});

test("a Customer without an email address gets a clear message when the invoice is sent by email", async ({
  page,
  seed,
}) => {
  await seed.user();
  const { invoiceUrl } = await seed.sentInvoice({
    customer: "Paper Only Ltd",
    customerEmail: null,
    lines: [{ description: "Work", quantity: "1", unitPrice: "10.00" }],
  });
  await page.goto(invoiceUrl);

  const form = page.getByRole("form", { name: "Send by email" });
  await expect(form).toContainText("Paper Only Ltd has no email address yet");
  await form.getByRole("button", { name: "Send by email" }).click();
  await expect(page.getByTestId("email-outcome")).toHaveText(
    "Paper Only Ltd has no email address. Add one to the customer, then send the invoice again.",
  );
  await expect(page.getByText("No emails yet.")).toBeVisible();
});

test("the development mailbox shows only the signed-in User's emails", async ({ page, seed }) => {
  const { email } = await seed.user();
  await page.goto("/dev/mailbox");
  // A new User's only email is their own sign-up confirmation; nobody else's appear.
  const list = page.getByRole("navigation", { name: "Emails" }).getByRole("link");
  await expect(list).toHaveCount(1);
  await expect(list).toContainText(`Email confirmation · to ${email}`);
});
