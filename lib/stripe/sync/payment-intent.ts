import "server-only";
import type Stripe from "stripe";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { lockPaymentForOutcome } from "@/db/queries/payment-outcome";
import { findPaymentForStripe, isReusablePaymentStatus, updatePayment } from "@/db/queries/payments";
import { markIntentEventProcessedIfSettled } from "@/db/queries/stripe-events";
import type { Invoice, Payment } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { enqueueOverpaidNotice, enqueuePaymentEmails } from "@/lib/email/payment-emails";
import { settleInvoiceMoney } from "@/lib/invoices/settle";
import { logger } from "@/lib/logger";
import { cancelOpenPaymentIntents } from "@/lib/payments/cancel";
import {
  canPaymentMove,
  isFinalPaymentStatus,
  type PaymentStatus,
  paymentStatusFromIntent,
  unknownIntentStatus,
} from "@/lib/payments/status";
import { getStripe } from "../client";
import { noteUnknownStripeValue } from "../unknown-value";
import { AwaitingCharge, chargeWaitUntil, successRecorded } from "./awaiting-charge";
import {
  callConnectedAccount,
  collectPages,
  defineEventSync,
  type FollowUp,
  NOTHING_TO_APPLY,
} from "./shared";
import { readNewEnoughFrom, sharedStripeRead } from "./shared-reads";

// PaymentIntents: the Customer's payment as Stripe has it, written into our payment row and its
// invoice. The return page, webhooks and reconcile all come here; the payment's row lock makes
// whichever comes second a no-op. Recording a success checks the money invariants in the same
// transaction (lib/invoices/settle.ts).

export type OutcomeActor = "customer" | "stripe";

export type RecordOutcomeResult =
  | {
      recorded: true;
      changed: boolean;
      payment: Payment;
      /** The invoice can take no more money (paid or void): its other open intents should be canceled. */
      invoiceClosed: boolean;
      /** The invoice has other payments a Customer could still confirm (what there is to cancel). */
      othersOpen: boolean;
    }
  | { recorded: false; reason: "unknown_payment" | "wrong_account" };

/**
 * What recording an outcome needs of a PaymentIntent: a read, the event's own copy, or the success its
 * succeeded charge shows (lib/stripe/sync/charge.ts).
 */
export type IntentOutcome = Pick<
  Stripe.PaymentIntent,
  "id" | "status" | "amount" | "currency" | "latest_charge" | "last_payment_error"
>;

function cardDetails(intent: Pick<Stripe.PaymentIntent, "latest_charge">) {
  const charge = typeof intent.latest_charge === "object" ? intent.latest_charge : null;
  const card = charge?.payment_method_details?.card;
  return {
    stripeChargeId: typeof intent.latest_charge === "string" ? intent.latest_charge : (charge?.id ?? null),
    cardBrand: card?.brand ?? null,
    cardLast4: card?.last4 ?? null,
  };
}

/** The invoice's money as settled, over a copy read before it was (the email context). */
function pickInvoiceMoney(invoice: Invoice) {
  const { status, currency, totalMinor, paidMinor } = invoice;
  return { status, currency, totalMinor, paidMinor };
}

/**
 * Applies a PaymentIntent, freshly read from Stripe, to our payment and its invoice. The return page and
 * the webhook both call this; the payment row lock makes whichever comes second a no-op.
 */
export async function recordPaymentOutcome(
  db: Database,
  params: { intent: IntentOutcome; accountId: string; actor: OutcomeActor; now?: Date },
): Promise<RecordOutcomeResult> {
  const { intent, accountId } = params;
  const now = params.now ?? new Date();
  return withTransaction(db, async (tx) => {
    // The payment locked, with what its emails need, in one statement.
    const locked = await lockPaymentForOutcome(tx, { paymentIntentId: intent.id });
    if (!locked) return { recorded: false, reason: "unknown_payment" } as const;
    const { payment, emailContext } = locked;
    if (payment.stripeAccountId !== accountId) {
      logger.warn("payment intent reported for another account", { paymentId: payment.id, accountId });
      return { recorded: false, reason: "wrong_account" } as const;
    }
    const status = paymentStatusFromIntent(intent);
    const unknownStatus = unknownIntentStatus(intent);
    if (unknownStatus !== null) noteUnknownStripeValue("payment_intent.status", unknownStatus);
    const card = cardDetails(intent);
    if (!canPaymentMove(payment.status, status)) {
      if (status === "succeeded" && payment.status === "succeeded" && !payment.cardLast4 && card.cardLast4) {
        // The card is filled in by whichever copy carries it (a success recorded without it, then its
        // charge). Money, status and emails stay as they are.
        const filled = await updatePayment(tx, payment.id, {
          stripeChargeId: card.stripeChargeId ?? payment.stripeChargeId,
          cardBrand: card.cardBrand,
          cardLast4: card.cardLast4,
        });
        return {
          recorded: true,
          changed: true,
          payment: filled,
          invoiceClosed: false,
          othersOpen: false,
        } as const;
      }
      return { recorded: true, changed: false, payment, invoiceClosed: false, othersOpen: false } as const;
    }
    if (payment.status === "canceled") {
      // Stripe never succeeds a canceled intent, so our row was wrong; the money is recorded all the same.
      logger.warn("payment recorded as canceled has succeeded on Stripe", { paymentId: payment.id });
    }

    const error = intent.last_payment_error;
    const updated = await updatePayment(tx, payment.id, {
      status,
      amountMinor: intent.amount,
      currency: intent.currency,
      // A webhook's own intent names its charge by id only: the card stays as we hold it then.
      ...(card.stripeChargeId ? { stripeChargeId: card.stripeChargeId } : {}),
      ...(card.cardLast4 ? { cardBrand: card.cardBrand, cardLast4: card.cardLast4 } : {}),
      failureCode: status === "failed" ? (error?.decline_code ?? error?.code ?? "payment_failed") : null,
      failureMessage: status === "failed" ? (error?.message ?? null) : null,
      succeededAt: status === "succeeded" ? now : null,
      unknownStripeStatus: unknownStatus,
    });

    const appendOutcomeAudit = () =>
      appendAudit(tx, {
        userId: payment.userId,
        invoiceId: payment.invoiceId,
        actor: params.actor,
        action: status === "succeeded" ? "payment.succeeded" : "payment.failed",
        amountMinor: intent.amount,
        currency: intent.currency,
        stripeIds: {
          paymentIntent: intent.id,
          ...(card.stripeChargeId ? { charge: card.stripeChargeId } : {}),
          account: accountId,
        },
        details: status === "failed" ? { failureCode: updated.failureCode } : null,
      });

    if (status !== "succeeded") {
      if (status === "failed") await appendOutcomeAudit();
      return {
        recorded: true,
        changed: true,
        payment: updated,
        invoiceClosed: false,
        othersOpen: false,
      } as const;
    }
    // The invariants are checked here, in the transaction that records the money (lib/invoices/settle.ts).
    const settled = await settleInvoiceMoney(tx, { invoiceId: payment.invoiceId, now });
    const { invoice, ledger } = settled;
    // The emails' Customer and seller as read with the payment; their invoice money as now settled.
    const context = { ...emailContext, invoice: { ...emailContext.invoice, ...pickInvoiceMoney(invoice) } };
    const invoiceClosed = invoice.status === "paid" || invoice.status === "void";
    const othersOpen = settled.payments.some((p) => p.id !== payment.id && isReusablePaymentStatus(p.status));
    const excessMinor = ledger.currencies.find((c) => c.currency === updated.currency)?.excessMinor ?? 0;
    if (excessMinor === 0) {
      // In this transaction, keyed by payment: the receipt exists exactly when the payment does. The
      // emails and the audit row are independent writes, sent together.
      await Promise.all([enqueuePaymentEmails(tx, { payment: updated, now, context }), appendOutcomeAudit()]);
    } else {
      await enqueuePaymentEmails(tx, { payment: updated, now, context });
      // Never dropped, never silently kept: the User is told and can refund the excess in one click.
      await enqueueOverpaidNotice(tx, { payment: updated, excessMinor, now });
      await appendAudit(tx, {
        userId: payment.userId,
        invoiceId: payment.invoiceId,
        actor: params.actor,
        action: "payment.overpaid",
        amountMinor: excessMinor,
        currency: updated.currency,
        stripeIds: { paymentIntent: intent.id, account: accountId },
        details: { invoiceCurrency: invoice.currency, invoiceTotalMinor: invoice.totalMinor },
      });
      await appendOutcomeAudit();
    }
    return { recorded: true, changed: true, payment: updated, invoiceClosed, othersOpen } as const;
  });
}

/** Reads the PaymentIntent from Stripe (the source of truth, whatever order events came in) and records it. */
export async function syncPaymentIntent(
  db: Database,
  params: { accountId: string; paymentIntentId: string; actor: OutcomeActor },
) {
  const intent = await getStripe().paymentIntents.retrieve(
    params.paymentIntentId,
    { expand: ["latest_charge"] },
    { stripeAccount: params.accountId },
  );
  const result = await recordPaymentOutcome(db, { intent, accountId: params.accountId, actor: params.actor });
  return { intent, result };
}

/** Stripe's recent PaymentIntents on the account, newest first, with their charges (reconcile). */
export function listStripePaymentIntents(accountId: string): Promise<Stripe.PaymentIntent[]> {
  return collectPages((page) =>
    getStripe().paymentIntents.list(
      { ...page, expand: ["data.latest_charge"] },
      { stripeAccount: accountId },
    ),
  );
}

/**
 * The statuses of ours a payment_intent.* event cannot move (canPaymentMove with statusOfEvent): a
 * success moves anything but a success (a canceled row that Stripe says succeeded is read and
 * recorded); every other event moves nothing final.
 */
export function settledStatusesForEvent(type: string): readonly PaymentStatus[] {
  return type === "payment_intent.succeeded" ? ["succeeded"] : ["succeeded", "canceled"];
}

export function statusOfEvent(type: string): PaymentStatus {
  return type === "payment_intent.succeeded" ? "succeeded" : "canceled";
}

/**
 * Whether a payment_intent.* event's own PaymentIntent can be recorded without reading Stripe. Its
 * status must be one Stripe never moves on from: a succeeded intent stays succeeded with the same amount
 * and currency, and a canceled one stays canceled, so however late or out of order the event is, a read
 * would say the same. Any other status (processing, requires_payment_method after a decline,
 * requires_action, one this API version does not know) may already be stale: read. And a success must
 * not cost the Customer's receipt its card: the event names the charge by id only, so a payment whose
 * card we do not hold yet (the common first success) waits for its charge.succeeded, which records the
 * success with the card (awaiting-charge.ts), and is read only if that does not come.
 */
export function canApplyIntentFromEvent(
  intent: Pick<Stripe.PaymentIntent, "status" | "latest_charge">,
  held: Pick<Payment, "cardLast4">,
): boolean {
  if (intent.status === "canceled") return true;
  if (intent.status !== "succeeded") return false;
  return held.cardLast4 !== null || cardDetails(intent).cardLast4 !== null;
}

/**
 * Records an intent's outcome from a webhook event (its own intent, a read, or its charge's success).
 * After commit: a closed invoice's other intents are canceled, and events of this intent that wait for
 * its charge are released (awaiting-charge.ts).
 */
export async function applyIntentFromEvent(
  db: Database,
  params: { intent: IntentOutcome; accountId: string },
): Promise<FollowUp | undefined> {
  const result = await recordPaymentOutcome(db, { ...params, actor: "stripe" });
  if (!result.recorded) return;
  const { invoiceId, status, stripePaymentIntentId } = result.payment;
  const succeeded = status === "succeeded" && stripePaymentIntentId !== null;
  // The invoice is paid (or void): intents other tabs still hold are canceled once this commits.
  const cancelOthers = result.invoiceClosed && result.othersOpen;
  if (!cancelOthers && !succeeded) return;
  return async (db) => {
    if (succeeded) await successRecorded(db, { paymentIntentId: stripePaymentIntentId });
    if (cancelOthers) await cancelOpenPaymentIntents(db, { invoiceId, reason: "closed" });
  };
}

/** payment_intent.succeeded / payment_failed / processing / canceled: all record the intent as it is now. */
export const paymentIntentEventSync = defineEventSync<IntentOutcome>({
  // The usual late or repeated event (payment_intent.succeeded after its charge.succeeded recorded the
  // payment, a payment_failed after the success): the rule of `prepare` below, in one statement.
  async markIfSettled(db, event, at) {
    if (!event.account) return false;
    return markIntentEventProcessedIfSettled(db, {
      eventId: event.id,
      at,
      paymentIntentId: (event.data.object as Stripe.PaymentIntent).id,
      accountId: event.account,
      settledStatuses: settledStatusesForEvent(event.type),
    });
  },
  async prepare(db, event, context) {
    const object = event.data.object as Stripe.PaymentIntent;
    const payment = await findPaymentForStripe(db, { paymentIntentId: object.id });
    // Intents we did not create (the seller's own, from their dashboard) are not ours to record.
    if (!payment) return NOTHING_TO_APPLY;
    if (payment.stripeAccountId !== event.account) {
      logger.warn("event account does not own the payment", { eventId: event.id, paymentId: payment.id });
      return NOTHING_TO_APPLY;
    }
    // A succeeded or canceled payment can no longer change (the return page or an earlier event got
    // there first): a late or out-of-order event needs no round trip to Stripe. Unless Stripe says a
    // payment we hold as canceled succeeded: that money is read and recorded, never dropped.
    if (isFinalPaymentStatus(payment.status) && !canPaymentMove(payment.status, statusOfEvent(event.type))) {
      return NOTHING_TO_APPLY;
    }
    // The signed event's own intent, when that is enough (see canApplyIntentFromEvent): no read.
    if (canApplyIntentFromEvent(object, payment)) return object;
    // A first success without the card: its charge.succeeded carries both; wait a little for it.
    const until = object.status === "succeeded" ? chargeWaitUntil(context) : null;
    if (until) throw new AwaitingCharge(object.id, until);
    const accountId = payment.stripeAccountId;
    // Every event of this intent received before the read started is served by it (shared-reads.ts).
    const newEnough = readNewEnoughFrom(event, context.receivedAt);
    const read = await callConnectedAccount(db, { accountId }, () =>
      sharedStripeRead(`pi:${accountId}:${object.id}`, newEnough, () =>
        getStripe().paymentIntents.retrieve(
          object.id,
          { expand: ["latest_charge"] },
          { stripeAccount: accountId },
        ),
      ),
    );
    return read.revoked ? NOTHING_TO_APPLY : read.value;
  },
  async apply(db, event, intent) {
    if (!event.account) return;
    return applyIntentFromEvent(db, { intent, accountId: event.account });
  },
});
