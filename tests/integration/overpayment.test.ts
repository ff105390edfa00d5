import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { updateInvoiceAction } from "@/app/(dashboard)/invoices/actions";
import { refundOverpaymentAction } from "@/app/(dashboard)/invoices/overpayment-actions";
import { getInvoice } from "@/db/queries/invoices";
import { listPaymentsOfInvoice } from "@/db/queries/payments";
import { listRefundsOfInvoice } from "@/db/queries/refunds";
import { emailOutbox } from "@/db/schema";
import { invoiceLedger, overpayments } from "@/lib/invoices/ledger";
import { preparePaymentIntent } from "@/lib/payments/intent";
import { completeReturn } from "@/lib/payments/return-page";
import { intentIdOf } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

const h = integrationHarness();

function editValues(customerId: string, currency: string, unitPrice: string) {
  return {
    customerId,
    currency,
    issueDate: "2026-11-01",
    dueDate: "2026-11-30",
    items: [{ description: "Work", quantity: "1", unitPrice, taxRate: "" }],
  };
}

async function overpaidEmails(invoiceId: string) {
  const rows = await h.db.select().from(emailOutbox).where(eq(emailOutbox.invoiceId, invoiceId));
  return rows.filter((r) => r.kind === "payment_overpaid");
}

/** A Customer's tab confirms the intent it holds, raced ahead of the seller's edit reaching Stripe. */
async function confirmRaced(accountId: string, clientSecret: string) {
  await h.stripe.paymentIntents.confirm(
    intentIdOf(clientSecret),
    { payment_method: "pm_card_visa", return_url: "http://127.0.0.1/return" },
    { stripeAccount: accountId },
  );
}

describe("a payment the invoice no longer asks for", () => {
  it("is recorded, shown as an overpayment, told to the seller once, and refunded once by one click", async () => {
    const { user, accountId } = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(user);
    const tab = await preparePaymentIntent(h.db, { token });
    // The Customer pays £120 in the instant before the seller's edit to £50 reaches Stripe.
    await confirmRaced(accountId, tab.clientSecret);
    const invoice = await getInvoice(h.db, { userId: user.id, invoiceId });
    signInAs(user.id);
    const edited = await updateInvoiceAction({
      invoiceId,
      ...editValues(invoice?.customerId ?? "", "gbp", "50.00"),
    });
    expect(edited.ok).toBe(true);
    // The edit's cancel found the intent paid and recorded it at once.
    const after = await getInvoice(h.db, { userId: user.id, invoiceId });
    expect(after).toMatchObject({ status: "paid", totalMinor: 5_000, paidMinor: 12_000 });
    const [payment] = await listPaymentsOfInvoice(h.db, { userId: user.id, invoiceId });
    expect(payment).toMatchObject({ status: "succeeded", cardLast4: "4242" });
    await completeReturn(h.db, { token, paymentIntentId: intentIdOf(tab.clientSecret) });
    expect(await overpaidEmails(invoiceId)).toHaveLength(1);

    const ledger = invoiceLedger(after ?? { currency: "gbp", totalMinor: 0, status: "void" }, [payment!], []);
    expect(overpayments(ledger)).toEqual([expect.objectContaining({ currency: "gbp", excessMinor: 7_000 })]);

    const clicks = await Promise.all(
      Array.from({ length: 4 }, () => refundOverpaymentAction({ invoiceId, currency: "gbp" })),
    );
    expect(clicks.every((c) => c.ok)).toBe(true);
    const refunded = clicks.map((c) => (c.ok ? c.data.refundedMinor : -1));
    expect(refunded.sort((a, b) => b - a)).toEqual([7_000, 0, 0, 0]);
    const refunds = await listRefundsOfInvoice(h.db, { userId: user.id, invoiceId });
    expect(refunds).toEqual([
      expect.objectContaining({ amountMinor: 7_000, origin: "overpayment", status: "succeeded" }),
    ]);
    const onStripe = await h.stripe.refunds.list(
      { payment_intent: intentIdOf(tab.clientSecret) },
      { stripeAccount: accountId },
    );
    expect(onStripe.data.map((r) => r.amount)).toEqual([7_000]);
    const settled = await getInvoice(h.db, { userId: user.id, invoiceId });
    expect(settled).toMatchObject({ status: "paid", paidMinor: 12_000, refundedMinor: 7_000 });
  });

  it("in the invoice's old currency: recorded apart, never added to the new currency's sums", async () => {
    const { user, accountId } = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(user);
    const oldTab = await preparePaymentIntent(h.db, { token });
    // The old tab pays £120 in the instant before the seller's change to euros reaches Stripe.
    await confirmRaced(accountId, oldTab.clientSecret);
    const invoice = await getInvoice(h.db, { userId: user.id, invoiceId });
    signInAs(user.id);
    expect(
      await updateInvoiceAction({ invoiceId, ...editValues(invoice?.customerId ?? "", "eur", "120.00") }),
    ).toMatchObject({ ok: true });
    expect(await getInvoice(h.db, { userId: user.id, invoiceId })).toMatchObject({
      status: "open",
      currency: "eur",
      paidMinor: 0,
    });
    expect(await overpaidEmails(invoiceId)).toHaveLength(1);

    // A stale tab is told the figures changed and gets a euro intent.
    const stale = await preparePaymentIntent(h.db, {
      token,
      expected: { amountMinor: 12_000, currency: "gbp", dueMinor: 12_000 },
    });
    expect(stale).toMatchObject({ currency: "eur", amountMinor: 12_000, upToDate: false });
    await confirmRaced(accountId, stale.clientSecret);
    await completeReturn(h.db, { token, paymentIntentId: intentIdOf(stale.clientSecret) });
    expect(await getInvoice(h.db, { userId: user.id, invoiceId })).toMatchObject({
      status: "paid",
      currency: "eur",
      paidMinor: 12_000,
    });
    const refund = await refundOverpaymentAction({ invoiceId, currency: "gbp" });
    expect(refund).toMatchObject({ ok: true, data: { refundedMinor: 12_000, currency: "gbp" } });
    expect(await refundOverpaymentAction({ invoiceId, currency: "eur" })).toMatchObject({
      ok: true,
      data: { refundedMinor: 0 },
    });
    // Money arrived: the currency is locked now.
    const refused = await updateInvoiceAction({
      invoiceId,
      ...editValues(invoice?.customerId ?? "", "gbp", "120.00"),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "conflict" } });
  });

  it("refuses a currency change once a payment was taken, with a clear message", async () => {
    const { user, accountId } = await h.seller();
    const { invoiceId, token } = await h.sentInvoice(user, {
      allowPartialPayments: true,
      partialMinimumMinor: 1_000,
    });
    const part = await preparePaymentIntent(h.db, { token, amount: "30.00" });
    await confirmRaced(accountId, part.clientSecret);
    await completeReturn(h.db, { token, paymentIntentId: intentIdOf(part.clientSecret) });
    const invoice = await getInvoice(h.db, { userId: user.id, invoiceId });
    expect(invoice).toMatchObject({ status: "partially_paid", paidMinor: 3_000 });
    signInAs(user.id);
    const result = await updateInvoiceAction({
      invoiceId,
      ...editValues(invoice?.customerId ?? "", "eur", "120.00"),
    });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
  });
});
