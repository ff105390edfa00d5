import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { refundPaymentAction } from "@/app/(dashboard)/payments/actions";
import { getInvoice } from "@/db/queries/invoices";
import { listPaymentsOfInvoice } from "@/db/queries/payments";
import { listRefundsOfPayment } from "@/db/queries/refunds";
import { invoices } from "@/db/schema";
import type { InvoiceValues } from "@/lib/invoices/schema";
import { invoiceRoundingMinor } from "@/lib/invoices/totals";
import { preparePaymentIntent } from "@/lib/payments/intent";
import { completeReturn } from "@/lib/payments/return-page";
import { intentIdOf, type Seller } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

// The app never asks Stripe for an amount Stripe refuses, and the emulator refuses it when asked
// directly, so these tests would see it if the app did.

const h = integrationHarness();

function oneLine(currency: string, unitAmountMinor: number, taxRateBps: number | null = null) {
  return {
    currency,
    items: [{ description: "Work", quantityMilli: 1000, unitAmountMinor, taxRateBps }],
  } satisfies Partial<InvoiceValues>;
}

async function intentsOf(seller: Seller) {
  const list = await h.stripe.paymentIntents.list({ limit: 100 }, { stripeAccount: seller.accountId });
  return list.data;
}

async function refusal(promise: Promise<unknown>) {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!outcome) throw new Error("expected a refusal");
  return outcome as { code?: string; message: string };
}

/** The app refused before Stripe: no payment row for the invoice and no PaymentIntent on the account. */
async function expectNothingSent(seller: Seller, invoiceId: string) {
  expect(await listPaymentsOfInvoice(h.db, { userId: seller.user.id, invoiceId })).toEqual([]);
  expect(await intentsOf(seller)).toEqual([]);
}

describe("invoice totals on the charge step", () => {
  it("rounds a KWD total to 0.010, shows the rounding, and charges the rounded amount", async () => {
    const seller = await h.seller();
    // KWD 1.234 + 20% tax (0.247) = 1.481 → 1.480.
    const { invoiceId, token } = await h.sentInvoice(seller.user, oneLine("kwd", 1234, 2000));
    const invoice = await getInvoice(h.db, { userId: seller.user.id, invoiceId });
    expect(invoice).toMatchObject({ subtotalMinor: 1234, taxMinor: 247, totalMinor: 1480 });
    expect(invoice && invoiceRoundingMinor(invoice)).toBe(-1);
    const prepared = await preparePaymentIntent(h.db, { token });
    expect(prepared).toMatchObject({ amountMinor: 1480, currency: "kwd" });
    const intent = await h.stripe.paymentIntents.retrieve(
      intentIdOf(prepared.clientSecret),
      {},
      { stripeAccount: seller.accountId },
    );
    expect(intent.amount).toBe(1480);
  });

  it("rounds an ISK total to whole krónur", async () => {
    const seller = await h.seller();
    // 101 kr + 25.5% tax = 126.755 kr, tax rounded per line to 25.76 kr → 126.76 kr → 127 kr.
    const { invoiceId } = await h.sentInvoice(seller.user, oneLine("isk", 10100, 2550));
    const invoice = await getInvoice(h.db, { userId: seller.user.id, invoiceId });
    expect(invoice?.totalMinor).toBe(12700);
  });
});

describe("the pay link refuses before calling Stripe", () => {
  it("a JPY invoice below 30 pence for a GBP-settling seller", async () => {
    const seller = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(seller.user, oneLine("jpy", 50));
    const error = await refusal(preparePaymentIntent(h.db, { token }));
    expect(error).toMatchObject({ code: "validation", message: "Card payments must be at least JP¥57." });
    await expectNothingSent(seller, invoiceId);
    // Asked directly, the emulator refuses the same amount as Stripe would.
    const direct = await refusal(
      h.stripe.paymentIntents.create({ amount: 50, currency: "jpy" }, { stripeAccount: seller.accountId }),
    );
    expect(direct).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(direct.code).toBe("amount_too_small");
  });

  it("an amount due off the KWD step (an invoice from before rounding)", async () => {
    const seller = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(seller.user, oneLine("kwd", 5120));
    await h.db.update(invoices).set({ totalMinor: 5124 }).where(eq(invoices.id, invoiceId));
    const error = await refusal(preparePaymentIntent(h.db, { token }));
    expect(error.code).toBe("validation");
    expect(error.message).toContain("Stripe charges KWD in steps of 0.010");
    await expectNothingSent(seller, invoiceId);
    const direct = await refusal(
      h.stripe.paymentIntents.create({ amount: 5124, currency: "kwd" }, { stripeAccount: seller.accountId }),
    );
    expect(direct).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it("a KWD part payment off the step, or one that leaves less than the minimum to pay", async () => {
    const seller = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(seller.user, {
      ...oneLine("kwd", 5000),
      allowPartialPayments: true,
      partialMinimumMinor: 1000,
    });
    const offStep = await refusal(preparePaymentIntent(h.db, { token, amount: "1.235" }));
    expect(offStep.code).toBe("validation");
    expect(offStep.message).toContain("Use KWD");
    // KWD 4.950 would leave 0.050, below 30 pence (KWD 0.120 at the fixed rates).
    const tinyRest = await refusal(preparePaymentIntent(h.db, { token, amount: "4.950" }));
    expect(tinyRest.message).toMatch(/^Pay the full KWD.5\.000, or leave at least KWD.0\.120/);
    await expectNothingSent(seller, invoiceId);
    const prepared = await preparePaymentIntent(h.db, { token, amount: "1.230" });
    expect(prepared.amountMinor).toBe(1230);
  });
});

describe("refunds off the step", () => {
  it("are refused with nothing reserved or sent; the emulator refuses them directly too", async () => {
    const seller = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(seller.user, oneLine("kwd", 5000));
    const prepared = await preparePaymentIntent(h.db, { token });
    const paymentIntentId = intentIdOf(prepared.clientSecret);
    await h.stripe.paymentIntents.confirm(
      paymentIntentId,
      { payment_method: "pm_card_visa", return_url: "http://127.0.0.1/return" },
      { stripeAccount: seller.accountId },
    );
    await completeReturn(h.db, { token, paymentIntentId });
    const [payment] = await listPaymentsOfInvoice(h.db, { userId: seller.user.id, invoiceId });
    if (payment?.status !== "succeeded") throw new Error("payment did not succeed");

    signInAs(seller.user.id);
    const result = await refundPaymentAction({
      paymentId: payment.id,
      amount: "1.005",
      reason: "requested_by_customer",
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fieldErrors?.amount?.[0]).toContain("steps of 0.010");
    expect(await listRefundsOfPayment(h.db, { userId: seller.user.id, paymentId: payment.id })).toEqual([]);
    const refunds = await h.stripe.refunds.list(
      { payment_intent: paymentIntentId },
      { stripeAccount: seller.accountId },
    );
    expect(refunds.data).toEqual([]);

    const direct = await refusal(
      h.stripe.refunds.create(
        { payment_intent: paymentIntentId, amount: 1005 },
        { stripeAccount: seller.accountId },
      ),
    );
    expect(direct).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);

    const whole = await refundPaymentAction({
      paymentId: payment.id,
      amount: "5.000",
      reason: "requested_by_customer",
    });
    expect(whole.ok).toBe(true);
  });
});
