import "server-only";
import type Stripe from "stripe";
import { z } from "zod";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import {
  hasRefundWithStripeId,
  insertRefund,
  lockRefundByStripeIdForStripe,
  lockUnlinkedRefundOfPaymentForStripe,
  updateRefundRow,
} from "@/db/queries/refunds";
import type { Payment, Refund } from "@/db/schema";
import { refundReason } from "@/db/schema/enums";
import { withTransaction } from "@/db/transaction";
import { enqueueRefundFailedEmail, enqueueRefundSucceededEmail } from "@/lib/email/refund-emails";
import { settleInvoiceMoney } from "@/lib/invoices/settle";
import { logger } from "@/lib/logger";
import { canRefundMoveTo, type RefundStatus, refundStatusFromStripe } from "@/lib/refunds/status";
import { getStripe } from "../client";
import { noteUnknownStripeValue } from "../unknown-value";
import {
  callConnectedAccount,
  collectPages,
  defineEventSync,
  findOurPaymentForStripe,
  lockPaymentForStripeObject,
  NOTHING_TO_APPLY,
  type SyncSource,
  stripeIdOf,
} from "./shared";
import { readNewEnoughFrom, sharedStripeRead } from "./shared-reads";

// Refunds: Stripe's refund objects written into our refund rows, whoever learns of them (the refund
// flow after refunds.create, webhooks, reconcile). One applier, forward-only statuses and the payment's
// row lock make every path agree, in any order and any number of times.

export type RefundChange =
  | { kind: "created"; refund: Refund }
  | { kind: "updated"; refund: Refund; from: RefundStatus }
  | { kind: "unchanged"; refund: Refund }
  | { kind: "ignored"; reason: "unknown_payment" | "wrong_account" };

const REASONS = new Set<string>(refundReason.enumValues);
const uuid = z.uuid();

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

/** Our row for Stripe's refund: by its `re_` id, else the row its metadata (or our caller) names. */
async function lockOurRow(
  db: Database,
  params: { refund: Stripe.Refund; payment: Payment; ourRefundId?: string },
): Promise<Refund | undefined> {
  const linked = await lockRefundByStripeIdForStripe(db, { stripeRefundId: params.refund.id });
  if (linked) return linked;
  const candidate = uuid.safeParse(params.ourRefundId ?? params.refund.metadata?.refund_id);
  if (!candidate.success) return undefined;
  return lockUnlinkedRefundOfPaymentForStripe(db, { refundId: candidate.data, paymentId: params.payment.id });
}

async function audit(
  db: Database,
  params: { row: Refund; refund: Stripe.Refund; payment: Payment; action: string; source: SyncSource },
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
      ...(stripeIdOf(refund.charge) ? { charge: stripeIdOf(refund.charge) as string } : {}),
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
  params: { refund: Stripe.Refund; accountId: string; source: SyncSource; ourRefundId?: string },
): Promise<RefundChange> {
  const { refund, accountId, source } = params;
  const { status, unknown: unknownStatus } = refundStatusFromStripe(refund.status);
  if (unknownStatus !== null) noteUnknownStripeValue("refund.status", unknownStatus);
  return withTransaction(db, async (tx): Promise<RefundChange> => {
    const payment = await lockPaymentForStripeObject(tx, refund);
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
        unknownStripeStatus: unknownStatus,
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
    const row = await updateRefundRow(tx, {
      refundId: existing.id,
      values: {
        stripeRefundId: refund.id,
        ...(moves ? { status, failureReason, unknownStripeStatus: unknownStatus } : {}),
      },
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

/** Stripe's refunds on the account, newest first, optionally for one charge or PaymentIntent. */
export function listStripeRefunds(
  accountId: string,
  filter: { charge?: string; payment_intent?: string } = {},
): Promise<Stripe.Refund[]> {
  return collectPages((page) =>
    getStripe().refunds.list({ ...filter, ...page }, { stripeAccount: accountId }),
  );
}

/** The refund Stripe made for our refund row (named in its metadata), if it made one. */
export async function findStripeRefundOfOurs(
  accountId: string,
  params: { paymentIntentId: string; refundId: string },
): Promise<Stripe.Refund | undefined> {
  const refunds = await listStripeRefunds(accountId, { payment_intent: params.paymentIntentId });
  return refunds.find((r) => r.metadata?.refund_id === params.refundId);
}

type RefundEvent = { accountId: string; refunds: Stripe.Refund[] };

/**
 * refund.created / refund.updated / refund.failed / charge.refund.updated (a Refund) and charge.refunded
 * (a Charge): whatever the event says, the refunds are read again from Stripe, so events in any order,
 * late or repeated, leave the state Stripe has now. charge.refunded lists all the charge's refunds.
 */
export const refundEventSync = defineEventSync<RefundEvent>({
  async prepare(db, event, context) {
    const accountId = event.account;
    // Direct charges live on connected accounts; a platform-level refund is not one of ours.
    if (!accountId) return NOTHING_TO_APPLY;
    const object = event.data.object as Stripe.Refund | Stripe.Charge;
    const isCharge = object.object === "charge";
    const payment = await findOurPaymentForStripe(db, {
      accountId,
      object,
      ...(isCharge ? { chargeId: object.id } : {}),
    });
    if (!payment) {
      logger.info("refund event for a payment that is not ours", { eventId: event.id, accountId });
      return NOTHING_TO_APPLY;
    }
    // A refund we already hold, told in its own event: its amount, currency and charge never change and
    // its status only moves forward (applyStripeRefund refuses a step back), so a late or reordered
    // event's refund cannot undo a newer one, and the newest event brings the newest status: no read.
    // A refund we have never seen is read, as is a charge.refunded (its charge does not list refunds).
    if (!isCharge && (await hasRefundWithStripeId(db, { stripeRefundId: object.id }))) {
      return { accountId, refunds: [object] };
    }
    const newEnough = readNewEnoughFrom(event, context.receivedAt);
    const read = await callConnectedAccount(db, { accountId }, async () =>
      isCharge
        ? sharedStripeRead(`charge-refunds:${accountId}:${object.id}`, newEnough, () =>
            listStripeRefunds(accountId, { charge: object.id }),
          )
        : [
            await sharedStripeRead(`refund:${accountId}:${object.id}`, newEnough, () =>
              getStripe().refunds.retrieve(object.id, {}, { stripeAccount: accountId }),
            ),
          ],
    );
    return read.revoked ? NOTHING_TO_APPLY : { accountId, refunds: read.value };
  },
  async apply(db, event, prepared) {
    for (const refund of prepared.refunds) {
      const change = await applyStripeRefund(db, {
        refund,
        accountId: prepared.accountId,
        source: "webhook",
      });
      if (change.kind === "created" || change.kind === "updated") {
        logger.info("refund recorded from webhook", {
          eventId: event.id,
          stripeRefundId: refund.id,
          status: change.refund.status,
        });
      }
    }
  },
});
