import "server-only";
import type { Database } from "@/db";
import { findPaymentByIntentIdForStripe } from "@/db/queries/payments";
import type { ReconcileTarget } from "@/db/queries/reconcile";
import { listStaleCreatingRefundsForStripe } from "@/db/queries/refunds";
import { applyStripeDispute } from "@/lib/disputes/apply";
import { formatMoney } from "@/lib/money";
import { recordPaymentOutcome } from "@/lib/payments/outcome";
import { applyStripeRefund } from "@/lib/refunds/apply";
import { markErrored } from "@/lib/refunds/send";
import { collectPages, listStripeRefunds } from "@/lib/refunds/stripe-lists";
import { getStripe } from "@/lib/stripe/client";
import { handleAccountRevoked } from "@/lib/stripe/connect";
import { isAccountAccessRevoked } from "@/lib/stripe/errors";

export type ReconcileReport = ReconcileTarget & { changes: string[]; revoked: boolean };

/** A request still `creating` after this long is no longer in flight (the SDK gives up within a minute). */
export const STALE_CREATING_MS = 15 * 60 * 1000;

async function syncPayments(db: Database, accountId: string, changes: string[]) {
  const intents = await collectPages((page) =>
    getStripe().paymentIntents.list(
      { ...page, expand: ["data.latest_charge"] },
      { stripeAccount: accountId },
    ),
  );
  for (const intent of intents) {
    // The seller's own intents (made outside SixthDesk) are not ours to record.
    const payment = await findPaymentByIntentIdForStripe(db, intent.id);
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
  const disputes = await collectPages((page) =>
    getStripe().disputes.list(page, { stripeAccount: accountId }),
  );
  for (const dispute of disputes) {
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
      ? (await listStripeRefunds(accountId, { payment_intent: paymentIntentId })).find(
          (r) => r.metadata?.refund_id === refund.id,
        )
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
  try {
    await syncPayments(db, target.accountId, changes);
    await syncRefunds(db, target.accountId, changes);
    await syncDisputes(db, target.accountId, changes);
    await settleStaleRefunds(db, target.accountId, now, changes);
  } catch (error) {
    if (!isAccountAccessRevoked(error)) throw error;
    const { disconnectedUserIds } = await handleAccountRevoked(db, {
      accountId: target.accountId,
      at: now,
      actor: "stripe",
    });
    if (disconnectedUserIds.length > 0)
      changes.push("Stripe no longer gives SixthDesk access: marked disconnected");
    return { ...target, changes, revoked: true };
  }
  return { ...target, changes, revoked: false };
}
