import "server-only";
import type { Database } from "@/db";
import { listStrandedOpenPaymentsForStripe } from "@/db/queries/invoice-money";
import { findPaymentForStripe } from "@/db/queries/payments";
import type { ReconcileTarget } from "@/db/queries/reconcile";
import { listStaleCreatingRefundsForStripe } from "@/db/queries/refunds";
import { formatMoney } from "@/lib/money";
import { cancelPaymentIntentsOf } from "@/lib/payments/cancel";
import { markErrored } from "@/lib/refunds/send";
import { applyStripeDispute, listStripeDisputes } from "@/lib/stripe/sync/dispute";
import { listStripePaymentIntents, recordPaymentOutcome } from "@/lib/stripe/sync/payment-intent";
import { applyStripeRefund, findStripeRefundOfOurs, listStripeRefunds } from "@/lib/stripe/sync/refund";
import { callConnectedAccount } from "@/lib/stripe/sync/shared";

export type ReconcileReport = ReconcileTarget & { changes: string[]; revoked: boolean };

/** A request still `creating` after this long is no longer in flight (the SDK gives up within a minute). */
export const STALE_CREATING_MS = 15 * 60 * 1000;

async function syncPayments(db: Database, accountId: string, changes: string[]) {
  for (const intent of await listStripePaymentIntents(accountId)) {
    // The seller's own intents (made outside SixthDesk) are not ours to record.
    const payment = await findPaymentForStripe(db, { paymentIntentId: intent.id });
    if (payment?.stripeAccountId !== accountId) continue;
    const result = await recordPaymentOutcome(db, { intent, accountId, actor: "stripe" });
    if (result.recorded && result.changed) {
      changes.push(
        `Payment ${intent.id} of ${formatMoney(intent.amount, intent.currency)}: now ${result.payment.status}`,
      );
    }
  }
}

async function syncRefunds(db: Database, accountId: string, changes: string[]) {
  for (const refund of await listStripeRefunds(accountId)) {
    const change = await applyStripeRefund(db, { refund, accountId, source: "reconcile" });
    const amount = formatMoney(refund.amount, refund.currency);
    if (change.kind === "created") {
      changes.push(`Refund ${refund.id} of ${amount}: added (${change.refund.status}, made in Stripe)`);
    } else if (change.kind === "updated") {
      changes.push(`Refund ${refund.id} of ${amount}: ${change.from} → ${change.refund.status}`);
    }
  }
}

async function syncDisputes(db: Database, accountId: string, changes: string[]) {
  for (const dispute of await listStripeDisputes(accountId)) {
    const change = await applyStripeDispute(db, { dispute, accountId, source: "reconcile" });
    if (change.kind === "created" || change.kind === "updated") {
      changes.push(
        `Dispute ${dispute.id} of ${formatMoney(dispute.amount, dispute.currency)}: ${change.kind === "created" ? "added" : "now"} ${dispute.status}`,
      );
    }
  }
}

/**
 * Our refunds Stripe never answered, old enough that no request is still in flight. The account-wide
 * list above already linked those Stripe made; for the rest, Stripe is asked once more for the payment's
 * refunds, and a request Stripe has no trace of is marked as not made (its amount is released).
 */
async function settleStaleRefunds(db: Database, accountId: string, now: Date, changes: string[]) {
  const stale = await listStaleCreatingRefundsForStripe(db, {
    accountId,
    before: new Date(now.getTime() - STALE_CREATING_MS),
  });
  for (const { refund, paymentIntentId } of stale) {
    const amount = formatMoney(refund.amountMinor, refund.currency);
    const onStripe = paymentIntentId
      ? await findStripeRefundOfOurs(accountId, { paymentIntentId, refundId: refund.id })
      : undefined;
    if (onStripe) {
      const change = await applyStripeRefund(db, {
        refund: onStripe,
        accountId,
        source: "reconcile",
        ourRefundId: refund.id,
      });
      if (change.kind === "updated")
        changes.push(`Refund ${onStripe.id} of ${amount}: creating → ${change.refund.status}`);
      continue;
    }
    await markErrored(db, { refund, code: "not_sent" });
    changes.push(`Refund of ${amount} (never reached Stripe): marked as not made`);
  }
}

/**
 * Cancels the PaymentIntents left open on a paid or void invoice, or in a currency the invoice no
 * longer has: their cancel failed when it was due (Stripe down), and a Customer could still pay them.
 */
async function cancelStrandedIntents(db: Database, target: ReconcileTarget, changes: string[]) {
  const stranded = await listStrandedOpenPaymentsForStripe(db, target);
  if (stranded.length === 0) return;
  await cancelPaymentIntentsOf(db, stranded, "closed");
  changes.push(
    `${stranded.length} open payment${stranded.length === 1 ? "" : "s"} of closed or changed invoices: canceled`,
  );
}

/**
 * Repairs what the webhooks missed on one connected account, from Stripe's own lists: recent
 * PaymentIntents (through the same idempotent recording as the return page), refunds and disputes.
 * Everything goes through the forward-only appliers, so a second run changes nothing.
 */
export async function reconcileAccount(
  db: Database,
  target: ReconcileTarget,
  options: { now?: Date } = {},
): Promise<ReconcileReport> {
  const now = options.now ?? new Date();
  const changes: string[] = [];
  const run = await callConnectedAccount(db, { accountId: target.accountId, at: now }, async () => {
    await syncPayments(db, target.accountId, changes);
    await syncRefunds(db, target.accountId, changes);
    await syncDisputes(db, target.accountId, changes);
    await cancelStrandedIntents(db, target, changes);
    await settleStaleRefunds(db, target.accountId, now, changes);
  });
  if (run.revoked && run.disconnectedUserIds.length > 0)
    changes.push("Stripe no longer gives SixthDesk access: marked disconnected");
  return { ...target, changes, revoked: run.revoked };
}
