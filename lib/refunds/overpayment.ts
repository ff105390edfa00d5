import "server-only";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { lockPaidPaymentsOfInvoice } from "@/db/queries/invoice-money";
import { lockInvoice } from "@/db/queries/invoices";
import { insertRefund, reservedRefundMinor } from "@/db/queries/refunds";
import type { Payment, Refund, User } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { settleInvoiceMoney } from "@/lib/invoices/settle";
import { formatMoney } from "@/lib/money";
import { requireConnected } from "./request";
import { type RefundOutcome, sendRefundToStripe } from "./send";

export type OverpaymentRefund = {
  /** What was refunded by this request: 0 when an earlier click already refunded the excess. */
  refundedMinor: number;
  currency: string;
  outcomes: RefundOutcome[];
  message: string;
};

type Reserved = { refund: Refund; payment: Payment; paymentIntentId: string };

/**
 * Reserves refunds for exactly the overpayment in `currency`, newest payments first. Payments are
 * locked before the invoice, the order every refund change takes, and the excess is computed under
 * both locks from the ledger, counting refunds already on their way: a second click (or a second tab)
 * waits for the first and then finds nothing left to refund.
 */
async function reserve(
  db: Database,
  params: { user: User; invoiceId: string; currency: string },
): Promise<Reserved[]> {
  const { user, invoiceId, currency } = params;
  return db.transaction(async (tx) => {
    const locked = await lockPaidPaymentsOfInvoice(tx, { userId: user.id, invoiceId, currency });
    const invoice = await lockInvoice(tx, { userId: user.id, invoiceId });
    if (!invoice) throw notFound("That invoice");
    const { ledger } = await settleInvoiceMoney(tx, { invoiceId, now: new Date() });
    let left = ledger.currencies.find((c) => c.currency === currency)?.excessMinor ?? 0;
    const reserved: Reserved[] = [];
    const newestFirst = [...locked].sort(
      (a, b) => (b.succeededAt?.getTime() ?? 0) - (a.succeededAt?.getTime() ?? 0),
    );
    for (const payment of newestFirst) {
      if (left <= 0) break;
      if (!payment.stripePaymentIntentId) continue;
      const refundable =
        payment.amountMinor - (await reservedRefundMinor(tx, { userId: user.id, paymentId: payment.id }));
      const amountMinor = Math.min(left, refundable);
      if (amountMinor <= 0) continue;
      requireConnected(user, payment);
      const refund = await insertRefund(tx, {
        userId: user.id,
        paymentId: payment.id,
        invoiceId,
        amountMinor,
        currency,
        reason: null,
        note: `Overpayment of ${invoice.number}`,
        status: "creating",
        origin: "overpayment",
      });
      await appendAudit(tx, {
        userId: user.id,
        invoiceId,
        actor: "user",
        action: "refund.requested",
        amountMinor,
        currency,
        stripeIds: { paymentIntent: payment.stripePaymentIntentId, account: payment.stripeAccountId },
        details: { refundId: refund.id, origin: "overpayment" },
      });
      reserved.push({ refund, payment, paymentIntentId: payment.stripePaymentIntentId });
      left -= amountMinor;
    }
    // The new rows hold their amounts now: check the invariants again before committing them.
    if (reserved.length > 0) await settleInvoiceMoney(tx, { invoiceId, now: new Date() });
    return reserved;
  });
}

/** The invoice page's one-click refund of an overpayment (docs/decisions/0005-money-invariants.md). */
export async function refundOverpayment(
  db: Database,
  params: { user: User; invoiceId: string; currency: string },
): Promise<OverpaymentRefund> {
  const reserved = await reserve(db, params);
  if (reserved.length === 0) {
    return {
      refundedMinor: 0,
      currency: params.currency,
      outcomes: [],
      message: "Nothing is left to refund: the overpayment has already been refunded.",
    };
  }
  const outcomes: RefundOutcome[] = [];
  let firstError: unknown = null;
  // Each reserved refund is sent even if another fails: a row left unsent would hold its amount for nothing.
  for (const r of reserved) {
    try {
      outcomes.push(await sendRefundToStripe(db, r));
    } catch (error) {
      firstError ??= error;
    }
  }
  if (outcomes.length === 0) throw firstError;
  const sentMinor = outcomes.reduce((sum, o) => sum + o.refund.amountMinor, 0);
  const pending = outcomes.some((o) => o.refund.status !== "succeeded");
  const amount = formatMoney(sentMinor, params.currency);
  return {
    refundedMinor: sentMinor,
    currency: params.currency,
    outcomes,
    message: pending
      ? `A refund of ${amount} is on its way to the customer.`
      : `Refunded ${amount} to the customer.`,
  };
}
