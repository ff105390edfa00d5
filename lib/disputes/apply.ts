import "server-only";
import type Stripe from "stripe";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { insertDispute, lockDisputeByStripeIdForStripe, updateDisputeRow } from "@/db/queries/disputes";
import { lockPaymentByIntentId } from "@/db/queries/payments";
import { lockPaymentByChargeIdForStripe } from "@/db/queries/refunds";
import type { Dispute, Payment } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { logger } from "@/lib/logger";
import type { RefundSource } from "@/lib/refunds/apply";
import { stripeIdOf } from "@/lib/refunds/payment-lookup";
import { canDisputeMoveTo, disputeStatus, isDisputeClosed } from "./status";

export type DisputeChange =
  | { kind: "created" | "updated"; dispute: Dispute }
  | { kind: "unchanged"; dispute: Dispute }
  | { kind: "ignored"; reason: "unknown_payment" | "wrong_account" };

async function lockPaymentOfDispute(db: Database, dispute: Stripe.Dispute): Promise<Payment | undefined> {
  const paymentIntentId = stripeIdOf(dispute.payment_intent);
  const chargeId = stripeIdOf(dispute.charge);
  const byIntent = paymentIntentId ? await lockPaymentByIntentId(db, paymentIntentId) : undefined;
  if (byIntent) return byIntent;
  return chargeId ? lockPaymentByChargeIdForStripe(db, chargeId) : undefined;
}

/**
 * Records a dispute as Stripe has it now: a new `dp_` becomes a row (the invoice and payment then show
 * "disputed"), a known one follows Stripe's status forward. Money sums are not touched: a dispute is not
 * a refund. Runs under the payment's row lock, like refunds.
 */
export async function applyStripeDispute(
  db: Database,
  params: { dispute: Stripe.Dispute; accountId: string; source: RefundSource },
): Promise<DisputeChange> {
  const { dispute, accountId } = params;
  const status = disputeStatus(dispute.status);
  const dueBy = dispute.evidence_details?.due_by;
  const values = {
    amountMinor: dispute.amount,
    currency: dispute.currency,
    reason: dispute.reason,
    evidenceDueBy: dueBy ? new Date(dueBy * 1000) : null,
  };
  return withTransaction(db, async (tx): Promise<DisputeChange> => {
    const payment = await lockPaymentOfDispute(tx, dispute);
    if (!payment) return { kind: "ignored", reason: "unknown_payment" };
    if (payment.stripeAccountId !== accountId) {
      logger.warn("dispute reported for another account", { disputeId: dispute.id, paymentId: payment.id });
      return { kind: "ignored", reason: "wrong_account" };
    }
    const existing = await lockDisputeByStripeIdForStripe(tx, dispute.id);
    if (existing && !canDisputeMoveTo(existing.status, status))
      return { kind: "unchanged", dispute: existing };
    const row = existing
      ? await updateDisputeRow(tx, existing.id, { ...values, status })
      : await insertDispute(tx, {
          ...values,
          status,
          userId: payment.userId,
          paymentId: payment.id,
          invoiceId: payment.invoiceId,
          stripeDisputeId: dispute.id,
        });
    await appendAudit(tx, {
      userId: payment.userId,
      invoiceId: payment.invoiceId,
      actor: "stripe",
      action: !existing ? "dispute.created" : isDisputeClosed(status) ? "dispute.closed" : "dispute.updated",
      amountMinor: dispute.amount,
      currency: dispute.currency,
      stripeIds: {
        dispute: dispute.id,
        ...(payment.stripePaymentIntentId ? { paymentIntent: payment.stripePaymentIntentId } : {}),
        account: accountId,
      },
      details: { status, reason: dispute.reason, via: params.source },
    });
    return { kind: existing ? "updated" : "created", dispute: row };
  });
}
