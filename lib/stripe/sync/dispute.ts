import "server-only";
import type Stripe from "stripe";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { insertDispute, lockDisputeByStripeIdForStripe, updateDisputeRow } from "@/db/queries/disputes";
import type { Dispute } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { canDisputeMoveTo, disputeStatus, isDisputeClosed } from "@/lib/disputes/status";
import { logger } from "@/lib/logger";
import { getStripe } from "../client";
import {
  callConnectedAccount,
  collectPages,
  defineEventSync,
  findOurPaymentForStripe,
  lockPaymentForStripeObject,
  type SyncSource,
} from "./shared";

// Disputes: Stripe's dispute objects written into our dispute rows (webhooks and reconcile), forward
// only and under the payment's row lock, like refunds; a dispute never changes the money sums.

export type DisputeChange =
  | { kind: "created" | "updated"; dispute: Dispute }
  | { kind: "unchanged"; dispute: Dispute }
  | { kind: "ignored"; reason: "unknown_payment" | "wrong_account" };

/**
 * Records a dispute as Stripe has it now: a new `dp_` becomes a row (the invoice and payment then show
 * "disputed"), a known one follows Stripe's status forward. Money sums are not touched: a dispute is not
 * a refund. Runs under the payment's row lock, like refunds.
 */
export async function applyStripeDispute(
  db: Database,
  params: { dispute: Stripe.Dispute; accountId: string; source: SyncSource },
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
    const payment = await lockPaymentForStripeObject(tx, dispute);
    if (!payment) return { kind: "ignored", reason: "unknown_payment" };
    if (payment.stripeAccountId !== accountId) {
      logger.warn("dispute reported for another account", { disputeId: dispute.id, paymentId: payment.id });
      return { kind: "ignored", reason: "wrong_account" };
    }
    const existing = await lockDisputeByStripeIdForStripe(tx, { stripeDisputeId: dispute.id });
    if (existing && !canDisputeMoveTo(existing.status, status))
      return { kind: "unchanged", dispute: existing };
    const row = existing
      ? await updateDisputeRow(tx, { disputeId: existing.id, values: { ...values, status } })
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

/** Stripe's recent disputes on the account, newest first (reconcile). */
export function listStripeDisputes(accountId: string): Promise<Stripe.Dispute[]> {
  return collectPages((page) => getStripe().disputes.list(page, { stripeAccount: accountId }));
}

type DisputeEvent = { accountId: string; dispute: Stripe.Dispute } | null;

/** charge.dispute.created / .updated / .closed: the dispute as Stripe has it now, on our payment. */
export const disputeEventSync = defineEventSync<DisputeEvent>({
  async prepare(db, event) {
    const accountId = event.account;
    if (!accountId) return null;
    const object = event.data.object as Stripe.Dispute;
    if (!(await findOurPaymentForStripe(db, { accountId, object }))) return null;
    const read = await callConnectedAccount(db, { accountId }, () =>
      getStripe().disputes.retrieve(object.id, {}, { stripeAccount: accountId }),
    );
    return read.revoked ? null : { accountId, dispute: read.value };
  },
  async apply(db, _event, prepared) {
    if (!prepared) return;
    await applyStripeDispute(db, {
      dispute: prepared.dispute,
      accountId: prepared.accountId,
      source: "webhook",
    });
  },
});
