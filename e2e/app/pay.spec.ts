import { CARDS, expect, payWithCard, sendInvoice, test } from "./fixtures";

// Each test starts from a seeded, connected seller and a seeded sent invoice (the part payment's is made
// through the form): what is under test is the Customer's side. invoice-story.spec.ts walks it all in the UI.
const LINES = [{ description: "Consulting", quantity: "2", unitPrice: "60.00" }];

test("a Customer pays with 4242, sees a receipt, and the User sees the invoice paid", async ({
  page,
  visitor: customer,
  seed,
}) => {
  await seed.seller({ business: "Paid Studio" });
  const { payUrl, invoiceUrl } = await seed.sentInvoice({ lines: LINES });

  await customer.goto(payUrl);
  await expect(customer.getByTestId("emulator-badge")).toBeVisible();
  await payWithCard(customer, CARDS.visa);
  await expect(customer).toHaveURL(/\/complete\?payment_intent=pi_/);
  const receipt = customer.getByTestId("receipt");
  await expect(customer.getByRole("heading", { name: /Payment received/ })).toBeVisible();
  await expect(receipt).toContainText("£120.00");
  await expect(receipt).toContainText("Visa ending 4242");
  await customer.reload();
  await expect(customer.getByRole("heading", { name: /Payment received/ })).toBeVisible();
  await customer.goto(payUrl);
  await expect(customer.getByText("This invoice has been paid. Thank you.")).toBeVisible();

  await page.goto(invoiceUrl);
  await expect(page.getByText("Paid", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Invoice history" })).toContainText("Payment received");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Payments" }).click();
  await expect(page).toHaveURL(/\/payments$/);
  await expect(
    page.getByRole("row").filter({ hasText: "Succeeded" }).getByRole("cell", { name: "£120.00" }).first(),
  ).toBeVisible();
});

test("a declined card is explained in plain words, once, in place, and the invoice stays open", async ({
  page,
  visitor: customer,
  seed,
}) => {
  await seed.seller();
  const { payUrl, invoiceUrl } = await seed.sentInvoice({ lines: LINES });
  await customer.goto(payUrl);
  await payWithCard(customer, CARDS.declined);
  await expect(customer.getByTestId("payment-error")).toHaveText(
    "Your card was declined. You have not been charged. Please try another card or contact your bank.",
  );
  await expect(customer.getByText(/declined/)).toHaveCount(1);
  await expect(customer).toHaveURL(payUrl);
  await page.goto(invoiceUrl);
  await expect(page.getByText("Open", { exact: true }).first()).toBeVisible();
});

test("3-D Secure: failing the challenge keeps the invoice open, completing it pays", async ({
  page,
  visitor: customer,
  seed,
}) => {
  await seed.seller();
  const { payUrl, invoiceUrl } = await seed.sentInvoice({ lines: LINES });
  await customer.goto(payUrl);
  await payWithCard(customer, CARDS.threeDSecure);
  await customer.getByRole("button", { name: "Fail authentication" }).click();
  // Plain words, once, and none of Stripe's API text.
  await expect(customer.getByTestId("payment-error")).toContainText("security check was not completed");
  await expect(customer.getByText(/security check/)).toHaveCount(1);
  await expect(
    customer.getByText(/PaymentIntent|payment_intent|authenticate this payment method/),
  ).toHaveCount(0);
  await expect(customer.getByRole("heading", { name: /Payment received/ })).toHaveCount(0);

  await customer.goto(payUrl);
  await payWithCard(customer, CARDS.threeDSecure);
  await customer.getByRole("button", { name: "Complete authentication" }).click();
  await expect(customer.getByRole("heading", { name: /Payment received/ })).toBeVisible();
  await page.goto(invoiceUrl);
  await expect(page.getByText("Paid", { exact: true }).first()).toBeVisible();
});

test("a part payment, then the rest", async ({ page, visitor: customer, seed }) => {
  await seed.seller();
  // Through the form: this is the one spec that ticks "Let the customer pay part of the invoice".
  const { payUrl, invoiceUrl } = await sendInvoice(page, { lines: LINES, partialMinimum: "20.00" });
  await customer.goto(payUrl);
  await customer.getByLabel("Amount to pay").fill("50.00");
  await customer.getByRole("button", { name: "Continue" }).click();
  await payWithCard(customer, CARDS.visa);
  await expect(customer.getByTestId("receipt")).toContainText("£50.00");
  await expect(customer.getByText("£70.00 remains due on this invoice.")).toBeVisible();
  await customer.getByRole("link", { name: "Pay the rest" }).click();
  await expect(customer.getByTestId("amount-due")).toHaveText("£70.00");
  await customer.getByRole("button", { name: "Continue" }).click();
  await payWithCard(customer, CARDS.visa);
  await expect(customer.getByTestId("receipt")).toContainText("£70.00");
  await page.goto(invoiceUrl);
  await expect(page.getByText("Paid", { exact: true }).first()).toBeVisible();
});

test("a Customer who closes the tab before the redirect: the webhook alone marks the invoice paid", async ({
  page,
  visitor: customer,
  seed,
}) => {
  await seed.seller();
  const { payUrl, invoiceUrl } = await seed.sentInvoice({ lines: LINES });
  let returnPageRequested = false;
  await customer.context().route("**/pay/*/complete**", (route) => {
    returnPageRequested = true;
    return route.abort();
  });
  await customer.goto(payUrl);
  await payWithCard(customer, CARDS.visa);
  await expect.poll(() => returnPageRequested).toBe(true);
  await customer.close();

  await expect
    .poll(
      async () => {
        await page.goto(invoiceUrl);
        return page.getByText("Paid", { exact: true }).count();
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
});
