import { CARDS, connectNewStripeAccount, expect, payWithCard, sendInvoice, signUp, test } from "./fixtures";

// A new emulator account is in GB: it settles in GBP, so its minimum charge is 30 pence, whatever the
// invoice's currency.

test("a ¥50 invoice of a GBP-settling seller: the pay page says why before any card field", async ({
  page,
  browser,
}) => {
  await signUp(page, { business: "Yen Studio" });
  await connectNewStripeAccount(page);
  const { payUrl } = await sendInvoice(page, {
    currency: "jpy",
    lines: [{ description: "Sticker", quantity: "1", unitPrice: "50" }],
  });
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(payUrl);
  await expect(customer.getByTestId("charge-limit")).toHaveText(
    "The amount due (JP¥50) is below the smallest card payment Yen Studio can accept (JP¥57). Please contact Yen Studio to arrange payment.",
  );
  await expect(customer.getByLabel("Card number")).toHaveCount(0);
  await expect(customer.getByRole("button", { name: /^Pay / })).toHaveCount(0);
});

test("a KWD invoice shows its rounding to 0.010 and the Customer pays the rounded total", async ({
  page,
  browser,
}) => {
  await signUp(page, { business: "Dinar Works" });
  await connectNewStripeAccount(page);
  const { payUrl } = await sendInvoice(page, {
    currency: "kwd",
    lines: [{ description: "Dates", quantity: "1", unitPrice: "1.234" }],
  });
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(payUrl);
  await expect(customer.getByText("Rounding (Stripe charges KWD in steps of 0.010)")).toBeVisible();
  await expect(customer.getByTestId("rounding")).toHaveText("−KWD 0.004");
  await expect(customer.getByTestId("amount-due")).toHaveText("KWD 1.230");
  await payWithCard(customer, CARDS.visa);
  await expect(customer.getByRole("heading", { name: /Payment received/ })).toBeVisible();
  await expect(customer.getByTestId("receipt")).toContainText("KWD 1.230");
});
