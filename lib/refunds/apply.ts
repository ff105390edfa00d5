import "server-only";
import type Stripe from "stripe";
import { z } from "zod";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { lockPaymentByIntentId } from "@/db/queries/payments";
import {
  insertRefund,
  lockPaymentByChargeIdForStripe,
  lockRefundByStripeIdForStripe,
  lockUnlinkedRefundOfPaymentForStripe,
  updateRefundRow,
} from "@/db/queries/refunds";
import type { Payment, Refund } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { enqueueRefundFailedEmail, enqueueRefundSucceededEmail } from "@/lib/email/refund-emails";
import { settleInvoiceMoney } from "@/lib/invoices/settle";
import { logger } from "@/lib/logger";
import { stripeIdOf } from "./payment-lookup";
import { canRefundMoveTo, type RefundStatus, refundStatusFromStripe } from "./status";

/** Where news of a refund came from, kept in the audit details. */
export type RefundSource = "app" | "webhook" | "reconcile";

export type RefundChange =
  | { kind: "created"; refund: Refund }
  | { kind: "updated"; refund: Refund; from: RefundStatus }
  | { kind: "unchanged"; refund: Refund }
  | { kind: "ignored"; reason: "unknown_payment" | "wrong_account" };

const REASONS = new Set(["requested_by_customer", "duplicate", "fraudulent"]);
const uuid = z.uuid();

const idOf = stripeIdOf;

/** The audit action for reaching a status; `creating`/`errored` are written by the request flow. */
function statusAction(status: RefundStatus): string | null {
  switch (status) {
    case "succeeded":
      return "refund.succeeded";
    case "pending":
    case "requires_action":
      return "refund.pending";
    case "failed":
      return "refund.failed";
    case "canceled":
      return "refund.canceled";
    default:
      return null;
  }
}

async function lockPaymentOfRefund(db: Database, refund: Stripe.Refund): Promise<Payment | undefined> {
  const paymentIntentId = idOf(refund.payment_intent);
  const chargeId = idOf(refund.charge);
  const byIntent = paymentIntentId ? await lockPaymentByIntentId(db, paymentIntentId) : undefined;
  if (byIntent) return byIntent;
  return chargeId ? lockPaymentByChargeIdForStripe(db, chargeId) : undefined;
}

/** Our row for Stripe's refund: by its `re_` id, else the row its metadata (or our caller) names. */
async function lockOurRow(
  db: Database,
  params: { refund: Stripe.Refund; payment: Payment; ourRefundId?: string },
): Promise<Refund | undefined> {
  const linked = await lockRefundByStripeIdForStripe(db, params.refund.id);
  if (linked) return linked;
  const candidate = uuid.safeParse(params.ourRefundId ?? params.refund.metadata?.refund_id);
  if (!candidate.success) return undefined;
  return lockUnlinkedRefundOfPaymentForStripe(db, { refundId: candidate.data, paymentId: params.payment.id });
}

async function audit(
  db: Database,
  params: { row: Refund; refund: Stripe.Refund; payment: Payment; action: string; source: RefundSource },
) {
  const { row, refund, payment } = params;
  await appendAudit(db, {
    userId: row.userId,
    invoiceId: row.invoiceId,
    actor: "stripe",
    action: params.action,
    amountMinor: row.amountMinor,
    currency: row.currency,
    stripeIds: {
      refund: refund.id,
      ...(payment.stripePaymentIntentId ? { paymentIntent: payment.stripePaymentIntentId } : {}),
      ...(idOf(refund.charge) ? { charge: idOf(refund.charge) as string } : {}),
      account: payment.stripeAccountId,
    },
    details: {
      refundId: row.id,
      status: row.status,
      origin: row.origin,
      via: params.source,
      ...(row.status === "failed" ? { failureReason: row.failureReason } : {}),
    },
  });
}

/** In the same transaction as the status change, so a refund recorded twice is told once (keyed by id). */
async function tellPeople(db: Database, row: Refund) {
  if (row.status === "succeeded") await enqueueRefundSucceededEmail(db, { refund: row });
  else if (row.status === "failed") await enqueueRefundFailedEmail(db, { refund: row });
}

/**
 * Keeps the invoice's refunded sum right and checks the money invariants (lib/invoices/settle.ts); the
 * invoice lock makes concurrent recomputes see each other.
 */
async function recomputeSums(db: Database, invoiceId: string) {
  await settleInvoiceMoney(db, { invoiceId, now: new Date() });
}

/**
 * Records a refund as Stripe has it now (freshly read, never an old payload) on our refund row: a refund
 * we do not know (made in the Stripe dashboard) is created with origin "stripe"; a known one is linked by
 * its `re_` id and its status only moves forward. Runs under the payment's row lock, which every refund
 * decision on a payment takes first, so concurrent webhooks, the request flow and reconcile serialise.
 */
export async function applyStripeRefund(
  db: Database,
  params: { refund: Stripe.Refund; accountId: string; source: RefundSource; ourRefundId?: string },
): Promise<RefundChange> {
  const { refund, accountId, source } = params;
  const status = refundStatusFromStripe(refund.status);
  return withTransaction(db, async (tx): Promise<RefundChange> => {
    const payment = await lockPaymentOfRefund(tx, refund);
    if (!payment) return { kind: "ignored", reason: "unknown_payment" };
    if (payment.stripeAccountId !== accountId) {
      logger.warn("refund reported for another account", { refundId: refund.id, paymentId: payment.id });
      return { kind: "ignored", reason: "wrong_account" };
    }
    const existing = await lockOurRow(tx, { refund, payment, ourRefundId: params.ourRefundId });
    const failureReason = status === "failed" ? (refund.failure_reason ?? "unknown") : null;

    if (!existing) {
      const row = await insertRefund(tx, {
        userId: payment.userId,
        paymentId: payment.id,
        invoiceId: payment.invoiceId,
        stripeRefundId: refund.id,
        amountMinor: refund.amount,
        currency: refund.currency,
        reason: refund.reason && REASONS.has(refund.reason) ? (refund.reason as Refund["reason"]) : null,
        status,
        origin: "stripe",
        failureReason,
      });
      await audit(tx, { row, refund, payment, action: "refund.created", source });
      const action = statusAction(status);
      if (action) await audit(tx, { row, refund, payment, action, source });
      await recomputeSums(tx, payment.invoiceId);
      await tellPeople(tx, row);
      return { kind: "created", refund: row };
    }

    const moves = canRefundMoveTo(existing.status, status);
    if (!moves && existing.stripeRefundId === refund.id) return { kind: "unchanged", refund: existing };
    const row = await updateRefundRow(tx, existing.id, {
      stripeRefundId: refund.id,
      ...(moves ? { status, failureReason } : {}),
    });
    if (!moves) return { kind: "unchanged", refund: row };
    if (existing.status === "errored") {
      logger.warn("stripe reports a refund we recorded as not made", { refundId: row.id });
    }
    const action = statusAction(status);
    if (action) await audit(tx, { row, refund, payment, action, source });
    await recomputeSums(tx, payment.invoiceId);
    await tellPeople(tx, row);
    return { kind: "updated", refund: row, from: existing.status };
  });
}
