import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { getInvoice } from "@/db/queries/invoices";
import { listPaymentsOfInvoice } from "@/db/queries/payments";
import { listRefundsOfPayment } from "@/db/queries/refunds";
import { updateInvoice } from "@/lib/invoices/service";
import { preparePaymentIntent } from "@/lib/payments/intent";
import { requestRefund, retryRefund } from "@/lib/refunds/request";
import { addCustomer, oneLineInvoice, type PaidInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { expectAtomicUnderFaults, faultDatabase } from "./support/atomicity";

// The seller's and the customer's money actions, with the backend dying at each statement of each of
// their transactions: every transaction commits whole or leaves nothing, and doing it again (the retry
// button, a reload) reaches the full result.
const h = integrationHarness();
const fault = faultDatabase(h);

/** A full refund as the seller does it: request it, or retry the one still waiting for Stripe's answer. */
async function refundInFull(db: Database, paid: PaidInvoice) {
  const pending = (
    await listRefundsOfPayment(h.db, { userId: paid.user.id, paymentId: paid.payment.id })
  ).find((r) => r.status === "creating");
  if (pending) return retryRefund(db, { user: paid.user, refundId: pending.id });
  return requestRefund(db, {
    user: paid.user,
    input: { paymentId: paid.payment.id, amount: "120.00", reason: "requested_by_customer", note: null },
  });
}

describe("money actions when the database connection dies", () => {
  it("a refund: reserved, sent once to Stripe, recorded — each step whole", async () => {
    await expectAtomicUnderFaults(fault, {
      setup: () => h.paidInvoice(),
      operation: refundInFull,
      async check(paid) {
        const refunds = await listRefundsOfPayment(h.db, {
          userId: paid.user.id,
          paymentId: paid.payment.id,
        });
        expect(refunds.map((r) => [r.amountMinor, r.status])).toEqual([[12_000, "succeeded"]]);
        // Stripe refunded once, whatever the retries (the idempotency key is the refund row's id).
        const onStripe = await h.stripe.refunds.list(
          { payment_intent: paid.paymentIntentId },
          { stripeAccount: paid.accountId },
        );
        expect(onStripe.data.map((r) => r.amount)).toEqual([12_000]);
        const invoice = await getInvoice(h.db, { userId: paid.user.id, invoiceId: paid.invoiceId });
        expect(invoice?.refundedMinor).toBe(12_000);
      },
    });
  });

  it("an invoice edit: the invoice, its lines and its history entry, all or nothing", async () => {
    await expectAtomicUnderFaults(fault, {
      async setup() {
        const seller = await h.seller();
        const customer = await addCustomer(h.db, seller.user.id);
        const invoice = await h.sentInvoice(seller.user, { customerId: customer.id });
        return { seller, customer, invoice };
      },
      operation: (db, c) =>
        updateInvoice(
          db,
          { userId: c.seller.user.id, invoiceId: c.invoice.invoiceId },
          oneLineInvoice(c.customer.id, { unitAmountMinor: 25_000 }),
        ),
      async check(c) {
        const invoice = await getInvoice(h.db, { userId: c.seller.user.id, invoiceId: c.invoice.invoiceId });
        expect(invoice?.totalMinor).toBe(25_000);
      },
    });
  });

  it("starting a payment on the pay link: the intent's row and the invoice lock, all or nothing", async () => {
    await expectAtomicUnderFaults(fault, {
      async setup() {
        const seller = await h.seller();
        return { seller, invoice: await h.sentInvoice(seller.user) };
      },
      operation: (db, c) => preparePaymentIntent(db, { token: c.invoice.token }),
      async check(c) {
        const payments = await listPaymentsOfInvoice(h.db, {
          userId: c.seller.user.id,
          invoiceId: c.invoice.invoiceId,
        });
        // One intent recorded, for the whole amount due; one a failed attempt made on Stripe has no row.
        expect(payments.map((p) => p.amountMinor)).toEqual([12_000]);
      },
    });
  });
});
