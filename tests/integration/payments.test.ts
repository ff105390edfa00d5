import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { updateInvoiceAction, voidInvoiceAction } from "@/app/(dashboard)/invoices/actions";
import { listInvoiceHistory } from "@/db/queries/audit";
import { getInvoice } from "@/db/queries/invoices";
import { getPayment, listPayments, listPaymentsOfInvoice } from "@/db/queries/payments";
import { AppError } from "@/lib/errors";
import { preparePaymentIntent } from "@/lib/payments/intent";
import { completeReturn } from "@/lib/payments/return-page";
import { intentIdOf } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

const h = integrationHarness();

async function confirm(accountId: string, clientSecret: string, paymentMethod: string) {
  return h.stripe.paymentIntents
    .confirm(
      intentIdOf(clientSecret),
      { payment_method: paymentMethod, return_url: "http://127.0.0.1/return" },
      { stripeAccount: accountId },
    )
    .catch((error: unknown) => {
      if (error instanceof Stripe.errors.StripeCardError) return null;
      throw error;
    });
}

async function expectAppError(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
}

describe("the intent endpoint", () => {
  it("creates one PaymentIntent on the connected account with the amount from the database", async () => {
    const { user, accountId } = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(user);
    const prepared = await preparePaymentIntent(h.db, { token });
    expect(prepared).toMatchObject({ amountMinor: 12_000, currency: "gbp", stripeAccount: accountId });
    const intent = await h.stripe.paymentIntents.retrieve(
      intentIdOf(prepared.clientSecret),
      {},
      { stripeAccount: accountId },
    );
    const [payment] = await listPaymentsOfInvoice(h.db, { userId: user.id, invoiceId });
    expect(intent).toMatchObject({
      amount: 12_000,
      currency: "gbp",
      automatic_payment_methods: { enabled: true },
      metadata: { invoice_id: invoiceId, payment_id: payment?.id },
    });
    await expect(h.stripe.paymentIntents.retrieve(intent.id)).rejects.toThrow();
  });

  it("reuses the open intent; an edit cancels it and the next request is for the new amount", async () => {
    const { user, accountId } = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(user);
    const first = await preparePaymentIntent(h.db, { token });
    const again = await preparePaymentIntent(h.db, { token });
    expect(again.clientSecret).toBe(first.clientSecret);

    const invoice = await getInvoice(h.db, { userId: user.id, invoiceId });
    signInAs(user.id);
    const edited = await updateInvoiceAction({
      invoiceId,
      customerId: invoice?.customerId,
      currency: "gbp",
      issueDate: "2026-11-01",
      dueDate: "2026-11-30",
      items: [{ description: "More work", quantity: "2", unitPrice: "100.00", taxRate: "" }],
    });
    expect(edited.ok).toBe(true);
    const old = await h.stripe.paymentIntents.retrieve(
      intentIdOf(first.clientSecret),
      {},
      { stripeAccount: accountId },
    );
    expect(old.status).toBe("canceled");
    // The tab still showing £120 asks before confirming, and is told the figures changed.
    const updated = await preparePaymentIntent(h.db, {
      token,
      expected: { amountMinor: 12_000, currency: "gbp", dueMinor: 12_000 },
    });
    expect(updated).toMatchObject({ amountMinor: 20_000, dueMinor: 20_000, upToDate: false });
    expect(updated.clientSecret).not.toBe(first.clientSecret);
    const intent = await h.stripe.paymentIntents.retrieve(
      intentIdOf(updated.clientSecret),
      {},
      { stripeAccount: accountId },
    );
    expect(intent.amount).toBe(20_000);
    const confirmed = await preparePaymentIntent(h.db, {
      token,
      expected: { amountMinor: 20_000, currency: "gbp", dueMinor: 20_000 },
    });
    expect(confirmed).toMatchObject({ clientSecret: updated.clientSecret, upToDate: true });
  });

  it("records a payment that completed before its return page, and says so instead of charging again", async () => {
    const { user, accountId } = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(user);
    const first = await preparePaymentIntent(h.db, { token });
    await confirm(accountId, first.clientSecret, "pm_card_visa");
    // Neither the return page nor the webhook has come yet; a second tab asks for the intent again.
    await expectAppError(preparePaymentIntent(h.db, { token }), "conflict", /just completed/);
    expect(await getInvoice(h.db, { userId: user.id, invoiceId })).toMatchObject({
      status: "paid",
      paidMinor: 12_000,
    });
    // Recorded with its charge (latest_charge expanded), so the card shows on the receipt and the invoice.
    const [payment] = await listPaymentsOfInvoice(h.db, { userId: user.id, invoiceId });
    expect(payment).toMatchObject({ status: "succeeded", cardBrand: "visa", cardLast4: "4242" });
    expect(payment?.stripeChargeId).toMatch(/^ch_/);
    await expectAppError(preparePaymentIntent(h.db, { token }), "conflict", /already paid/);
  });

  it("leaves exactly one PaymentIntent after twenty concurrent calls", async () => {
    const { user, accountId } = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(user);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => preparePaymentIntent(h.db, { token })),
    );
    expect(new Set(results.map((r) => r.clientSecret)).size).toBe(1);
    expect(await listPaymentsOfInvoice(h.db, { userId: user.id, invoiceId })).toHaveLength(1);
    const onStripe = await h.stripe.paymentIntents.list({ limit: 100 }, { stripeAccount: accountId });
    expect(onStripe.data.filter((pi) => pi.metadata?.invoice_id === invoiceId)).toHaveLength(1);
  });

  it("refuses unknown, void and paid invoices, tiny amounts and sellers who cannot charge", async () => {
    await expectAppError(preparePaymentIntent(h.db, { token: "x".repeat(32) }), "not_found");
    const { user } = await h.seller();
    const voided = await h.sentInvoice(user);
    signInAs(user.id);
    expect(await voidInvoiceAction({ invoiceId: voided.invoiceId })).toMatchObject({ ok: true });
    // A tab left open on it is told why it cannot pay.
    await expectAppError(preparePaymentIntent(h.db, { token: voided.token }), "conflict", /voided/);
    const { token } = await h.sentInvoice(user, {
      items: [{ description: "Sticker", quantityMilli: 1000, unitAmountMinor: 20, taxRateBps: null }],
    });
    await expectAppError(preparePaymentIntent(h.db, { token }), "validation", /at least £0\.30/);

    const cannot = await h.seller({ chargesEnabled: false });
    const blocked = await h.sentInvoice(cannot.user);
    await expectAppError(preparePaymentIntent(h.db, blocked), "conflict", /cannot accept card payments/);
    expect(
      await listPaymentsOfInvoice(h.db, { userId: cannot.user.id, invoiceId: blocked.invoiceId }),
    ).toEqual([]);
  });
});

describe("recording the outcome", () => {
  it("marks the invoice paid from the return page, idempotently, with a receipt's details", async () => {
    const { user, accountId } = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(user);
    const prepared = await preparePaymentIntent(h.db, { token });
    await confirm(accountId, prepared.clientSecret, "pm_card_visa");
    const paymentIntentId = intentIdOf(prepared.clientSecret);

    const first = await completeReturn(h.db, { token, paymentIntentId });
    const second = await completeReturn(h.db, { token, paymentIntentId });
    expect(first).toMatchObject({
      kind: "result",
      payment: { status: "succeeded", cardBrand: "visa", cardLast4: "4242" },
    });
    expect(second).toMatchObject({ kind: "result", payment: { status: "succeeded" } });
    const invoice = await getInvoice(h.db, { userId: user.id, invoiceId });
    expect(invoice).toMatchObject({ status: "paid", paidMinor: 12_000 });
    const history = await listInvoiceHistory(h.db, { userId: user.id, invoiceId });
    expect(history.filter((h) => h.action === "payment.succeeded")).toHaveLength(1);
    await expectAppError(preparePaymentIntent(h.db, { token }), "conflict", /already paid/);
  });

  it("gives not-found for a PaymentIntent of another invoice", async () => {
    const { user, accountId } = await h.seller();
    const a = await h.sentInvoice(user);
    const b = await h.sentInvoice(user);
    const prepared = await preparePaymentIntent(h.db, { token: a.token });
    await confirm(accountId, prepared.clientSecret, "pm_card_visa");
    expect(
      await completeReturn(h.db, { token: b.token, paymentIntentId: intentIdOf(prepared.clientSecret) }),
    ).toEqual({
      kind: "not_found",
    });
    expect((await getInvoice(h.db, { userId: user.id, invoiceId: b.invoiceId }))?.status).toBe("open");
  });

  it("records a declined card as failed and keeps the invoice open for another try", async () => {
    const { user, accountId } = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(user);
    const prepared = await preparePaymentIntent(h.db, { token });
    await confirm(accountId, prepared.clientSecret, "pm_card_visa_chargeDeclined");
    const outcome = await completeReturn(h.db, {
      token,
      paymentIntentId: intentIdOf(prepared.clientSecret),
    });
    expect(outcome).toMatchObject({
      kind: "result",
      payment: { status: "failed", failureCode: "generic_decline" },
    });
    expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe("open");
    const retry = await preparePaymentIntent(h.db, { token });
    expect(retry.clientSecret).toBe(prepared.clientSecret);
    await confirm(accountId, retry.clientSecret, "pm_card_visa");
    await completeReturn(h.db, { token, paymentIntentId: intentIdOf(retry.clientSecret) });
    expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe("paid");
  });

  it("follows 3-D Secure to success or failure", async () => {
    const { user, accountId } = await h.seller();
    for (const result of ["complete", "fail"] as const) {
      const { invoiceId, token } = await h.sentInvoice(user);
      const prepared = await preparePaymentIntent(h.db, { token });
      const id = intentIdOf(prepared.clientSecret);
      await confirm(accountId, prepared.clientSecret, "pm_card_authenticationRequiredOnSetup");
      expect(await completeReturn(h.db, { token, paymentIntentId: id })).toMatchObject({
        payment: { status: "requires_action" },
      });
      await h.emulator.control.authenticatePaymentIntent(id, result);
      const outcome = await completeReturn(h.db, { token, paymentIntentId: id });
      expect(outcome).toMatchObject({ payment: { status: result === "complete" ? "succeeded" : "failed" } });
      expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe(
        result === "complete" ? "paid" : "open",
      );
    }
  });

  it("takes a part payment, then the rest", async () => {
    const { user, accountId } = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(user, {
      allowPartialPayments: true,
      partialMinimumMinor: 2_000,
    });
    await expectAppError(
      preparePaymentIntent(h.db, { token, amount: "10.00" }),
      "validation",
      /between £20\.00 and £120\.00/,
    );
    await expectAppError(preparePaymentIntent(h.db, { token, amount: "120.01" }), "validation");
    const part = await preparePaymentIntent(h.db, { token, amount: "50.00" });
    expect(part.amountMinor).toBe(5_000);
    await confirm(accountId, part.clientSecret, "pm_card_visa");
    await completeReturn(h.db, { token, paymentIntentId: intentIdOf(part.clientSecret) });
    expect(await getInvoice(h.db, { userId: user.id, invoiceId })).toMatchObject({
      status: "partially_paid",
      paidMinor: 5_000,
      paidAt: null,
    });

    const rest = await preparePaymentIntent(h.db, { token });
    expect(rest.clientSecret).not.toBe(part.clientSecret);
    expect(rest.amountMinor).toBe(7_000);
    await confirm(accountId, rest.clientSecret, "pm_card_visa");
    const beforeRest = Date.now();
    await completeReturn(h.db, { token, paymentIntentId: intentIdOf(rest.clientSecret) });
    const paid = await getInvoice(h.db, { userId: user.id, invoiceId });
    expect(paid).toMatchObject({ status: "paid", paidMinor: 12_000 });
    // Stamped by the statement that moved it to paid, with the time the payment was recorded.
    expect(paid?.paidAt?.getTime()).toBeGreaterThanOrEqual(beforeRest - 1_000);
    expect(paid?.paidAt?.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
  });
});

describe("voiding with an open PaymentIntent", () => {
  it("cancels the intent so the Customer's open page can no longer pay", async () => {
    const { user, accountId } = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(user);
    const prepared = await preparePaymentIntent(h.db, { token });
    signInAs(user.id);
    expect(await voidInvoiceAction({ invoiceId })).toMatchObject({ ok: true });
    const intent = await h.stripe.paymentIntents.retrieve(
      intentIdOf(prepared.clientSecret),
      {},
      { stripeAccount: accountId },
    );
    expect(intent.status).toBe("canceled");
    await expect(
      h.stripe.paymentIntents.confirm(
        intent.id,
        { payment_method: "pm_card_visa", return_url: "http://127.0.0.1/return" },
        { stripeAccount: accountId },
      ),
    ).rejects.toThrow();
    expect((await getInvoice(h.db, { userId: user.id, invoiceId }))?.status).toBe("void");
  });
});

describe("authorization", () => {
  it("never shows one User's payments to another", async () => {
    const alice = await h.seller();
    const bob = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(alice.user);
    await preparePaymentIntent(h.db, { token });
    const [payment] = await listPaymentsOfInvoice(h.db, { userId: alice.user.id, invoiceId });
    expect(payment).toBeDefined();
    expect(await getPayment(h.db, { userId: bob.user.id, paymentId: payment?.id ?? "" })).toBeUndefined();
    expect(await listPaymentsOfInvoice(h.db, { userId: bob.user.id, invoiceId })).toEqual([]);
    expect((await listPayments(h.db, { userId: bob.user.id, limit: 10, offset: 0 })).total).toBe(0);
  });
});
