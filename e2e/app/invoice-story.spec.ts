import {
  addCustomer,
  CARDS,
  connectNewStripeAccount,
  expect,
  fillLines,
  PASSWORD,
  payWithCard,
  signUp,
  test,
} from "./fixtures";

// The whole story through the UI, as a person walks it: sign up, a customer, an invoice, send it, a
// visitor on the pay link, Connect, the payment. The other specs start from seeded state (seed.ts).
// The story is several specs' worth of page loads: its budget is three minutes, as it took up to
// 1.7 min on 2 cores shared at load ~28.
test.describe.configure({ timeout: 180_000 });

test("sign up, invoice three items, send the pay link, connect Stripe, and the visitor pays", async ({
  page,
  visitor: customerPage,
}) => {
  await signUp(page, { business: "Northwind Studio" });
  await addCustomer(page, "Contoso Ltd", "ap@contoso.test");

  await page.getByRole("link", { name: "New invoice" }).click();
  await expect(page.getByLabel("Customer", { exact: true })).toHaveValue(/.+/);
  await fillLines(page, [
    { description: "Design work", quantity: "3", unitPrice: "19.99" },
    { description: "Hosting", quantity: "1.5", unitPrice: "10.00", taxRate: "20" },
    { description: "Domain", quantity: "1", unitPrice: "0.05", taxRate: "20" },
  ]);
  await expect(page.getByTestId("invoice-total")).toHaveText("£78.03");
  await page.getByRole("button", { name: "Save draft" }).click();

  await expect(page.getByRole("heading", { name: /INV-0001/ })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  await expect(page.getByTestId("document-total")).toHaveText("£78.03");
  // One dialog issues the invoice and emails it; it warns that Stripe is not connected yet.
  await page.getByRole("button", { name: "Send invoice" }).click();
  const dialog = page.getByRole("dialog", { name: "Send INV-0001" });
  await expect(dialog).toContainText("Contoso Ltd <ap@contoso.test>");
  await expect(dialog.getByLabel("Subject")).toHaveValue("Invoice INV-0001 from Northwind Studio");
  await expect(dialog.getByTestId("send-stripe-warning")).toContainText("Stripe is not connected");
  await expect(dialog.getByRole("link", { name: "Connect Stripe" })).toHaveAttribute(
    "href",
    "/settings/payments",
  );
  await dialog.getByLabel("Message").fill("Thanks for the project!");
  await dialog.getByRole("button", { name: "Send by email" }).click();
  await expect(dialog).toBeHidden();
  const payLink = page.getByLabel(/Pay link/);
  await expect(payLink).toHaveValue(/\/pay\/[A-Za-z0-9_-]{32}$/);
  const url = await payLink.inputValue();
  const invoiceUrl = page.url();
  const history = page.getByRole("list", { name: "Invoice history" });
  await expect(history).toContainText("Invoice issued; pay link created");
  await expect(history).toContainText("Invoice emailed · to ap@contoso.test");
  await expect(page.getByTestId("email-row")).toContainText("ap@contoso.test");

  await customerPage.goto(url);
  await expect(customerPage.getByRole("heading", { name: "Northwind Studio" })).toBeVisible();
  await expect(customerPage.getByTestId("amount-due")).toHaveText("£78.03");
  await expect(customerPage.getByText("Contoso Ltd")).toBeVisible();
  await expect(customerPage.getByRole("cell", { name: "Design work" })).toBeVisible();
  // The seller has not connected Stripe: no card form, a plain explanation instead.
  await expect(customerPage.getByTestId("cannot-pay")).toContainText(
    "Northwind Studio cannot accept card payments yet",
  );
  await expect(customerPage.getByRole("button", { name: /^Pay / })).toHaveCount(0);
  await expect(customerPage.getByRole("link", { name: "Sign out" })).toHaveCount(0);

  await customerPage.goto(url.replace(/.{4}$/, "AAAA"));
  await expect(customerPage.getByRole("heading", { name: "This payment link does not work" })).toBeVisible();

  // The seller connects a new Stripe account; the same link now takes the card.
  await connectNewStripeAccount(page);
  await customerPage.goto(url);
  await payWithCard(customerPage, CARDS.visa);
  await expect(customerPage.getByRole("heading", { name: /Payment received/ })).toBeVisible();
  await expect(customerPage.getByTestId("receipt")).toContainText("£78.03");

  await page.goto(invoiceUrl);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Paid");
  await expect(page.getByRole("list", { name: "Invoice history" })).toContainText("Payment received");
});

test("a signed-out visit to the dashboard goes to sign-in", async ({ page }) => {
  for (const path of ["/dashboard", "/invoices", "/customers/new"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  }
});

test("signing out ends the session, and signing back in works", async ({ page, seed }) => {
  const { email } = await seed.user();
  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-password-here");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});
