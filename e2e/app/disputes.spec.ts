import { createControlClient } from "../../emulator/control-client";
import { expect, type Seeder, test } from "./fixtures";
import { emulatorUrl } from "./seed";

// A chargeback (card 0259) on a paid invoice: the seller sees what is due and by when and what left
// their balance, answers with text evidence from the payment page, and sees it under review.
const control = createControlClient(emulatorUrl());

async function disputedInvoice(seed: Seeder) {
  const seller = await seed.seller({ business: "Dispute Studio" });
  const invoice = await seed.sentInvoice({
    lines: [{ description: "Consulting", quantity: "2", unitPrice: "60.00" }],
  });
  await seed.payment(invoice, seller, "pm_card_createDispute");
  // The bank's dispute arrives some time after the payment: now, on the emulator.
  await control.settle();
  return invoice;
}

test("a dispute shows its deadline and withdrawn funds, and takes text evidence once", async ({
  page,
  seed,
}) => {
  const { invoiceUrl } = await disputedInvoice(seed);
  await expect
    .poll(
      async () => {
        await page.goto(invoiceUrl);
        return page.getByTestId("invoice-dispute").count();
      },
      { timeout: 20_000 },
    )
    .toBe(1);
  const onInvoice = page.getByTestId("invoice-dispute");
  await expect(onInvoice).toContainText("needs your response");
  await expect(onInvoice).toContainText("Withdrawn from your Stripe balance: £135.00");
  await onInvoice.getByRole("link", { name: "Respond to the dispute" }).click();

  const panel = page.getByTestId("dispute-panel");
  await expect(panel.getByTestId("dispute-due")).toContainText("Evidence is due by");
  await expect(panel.getByTestId("dispute-due")).toContainText("you lose £120.00");
  const form = page.getByRole("form", { name: "Dispute evidence" });

  await form.getByRole("button", { name: "Submit evidence" }).click();
  await expect(form.getByText("Write at least an explanation of why the charge is valid.")).toBeVisible();

  await form
    .getByLabel("Explanation")
    .fill("Two days of consulting delivered on 3 and 4 March, as agreed by email.");
  await form.getByLabel("What was sold").fill("Consulting, 2 days");
  await form.getByLabel("Customer email").fill("client@customer.test");
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByTestId("dispute-evidence-outcome")).toContainText("saved on Stripe as a draft");

  await page
    .getByLabel("Explanation")
    .fill("Two days of consulting delivered on 3 and 4 March, as agreed by email.");
  await page.getByRole("button", { name: "Submit evidence" }).click();
  await expect(page.getByTestId("dispute-evidence-outcome")).toContainText("Evidence submitted");
  await expect(panel).toContainText("under review");
  await expect(panel).toContainText("You submitted evidence on");
  await expect(page.getByRole("form", { name: "Dispute evidence" })).toHaveCount(0);

  await page.goto(invoiceUrl);
  await expect(
    page.getByTestId("invoice-dispute").getByRole("link", { name: "Respond to the dispute" }),
  ).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Invoice history" })).toContainText(
    "Dispute evidence submitted",
  );
});
