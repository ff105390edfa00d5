import "server-only";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { getPayment, lockPaymentOfUser } from "@/db/queries/payments";
import { getRefundOfUser, insertRefund, reservedRefundMinor } from "@/db/queries/refunds";
import type { Payment, Refund, User } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { formatMoney, parseMoney } from "@/lib/money";
import { checkRefundAmount } from "@/lib/payments/amount-rules";
import { connectedStripeAccount } from "@/lib/stripe/connection";
import type { RefundInput } from "./schema";
import { outcomeOf, type RefundOutcome, resendRefund, sendRefundToStripe } from "./send";

function requireRefundable(payment: Payment): string {
  if (payment.status !== "succeeded" || !payment.stripePaymentIntentId) {
    throw new AppError("conflict", "Only a succeeded payment can be refunded.");
  }
  return payment.stripePaymentIntentId;
}

function parseAmount(input: string, currency: string): number {
  const parsed = parseMoney(input, currency);
  if (!parsed.ok)
    throw new AppError("validation", parsed.message, { fieldErrors: { amount: [parsed.message] } });
  if (parsed.minor <= 0) {
    const message = "Enter an amount greater than zero.";
    throw new AppError("validation", message, { fieldErrors: { amount: [message] } });
  }
  // Stripe refuses refunds off the currency's step (KWD ending in 0, whole krónur); nothing is reserved.
  const step = checkRefundAmount({ amountMinor: parsed.minor, currency });
  if (!step.ok) throw new AppError("validation", step.message, { fieldErrors: { amount: [step.message] } });
  return parsed.minor;
}

function tooMuch(refundableMinor: number, currency: string): AppError {
  const message =
    refundableMinor <= 0
      ? "Nothing is left to refund on this payment."
      : `You can refund at most ${formatMoney(refundableMinor, currency)} of this payment.`;
  return new AppError("validation", message, { fieldErrors: { amount: [message] } });
}

/** The account must still be the User's connected one: a refund on another account cannot be made. */
function requireConnected(user: User, payment: Payment) {
  if (connectedStripeAccount(user) !== payment.stripeAccountId) {
    throw new AppError(
      "conflict",
      `This payment was taken on Stripe account ${payment.stripeAccountId}, which is not connected to SixthDesk now. Connect it again under Settings → Payments to refund.`,
    );
  }
}

/**
 * Reserves the refund in our database (tx1): under the payment's row lock, the amount must fit in
 * paid − succeeded − in-flight refunds, so concurrent requests can never refund more than was paid.
 */
async function reserveRefund(
  db: Database,
  params: { user: User; input: RefundInput },
): Promise<{ refund: Refund; payment: Payment; paymentIntentId: string }> {
  const { user, input } = params;
  return db.transaction(async (tx) => {
    const payment = await lockPaymentOfUser(tx, { userId: user.id, paymentId: input.paymentId });
    if (!payment) throw notFound("That payment");
    const paymentIntentId = requireRefundable(payment);
    requireConnected(user, payment);
    const amountMinor = parseAmount(input.amount, payment.currency);
    const refundableMinor =
      payment.amountMinor - (await reservedRefundMinor(tx, { userId: user.id, paymentId: payment.id }));
    if (amountMinor > refundableMinor) throw tooMuch(refundableMinor, payment.currency);
    const refund = await insertRefund(tx, {
      userId: user.id,
      paymentId: payment.id,
      invoiceId: payment.invoiceId,
      amountMinor,
      currency: payment.currency,
      reason: input.reason,
      note: input.note,
      status: "creating",
      origin: "app",
    });
    await appendAudit(tx, {
      userId: user.id,
      invoiceId: payment.invoiceId,
      actor: "user",
      action: "refund.requested",
      amountMinor,
      currency: payment.currency,
      stripeIds: { paymentIntent: paymentIntentId, account: payment.stripeAccountId },
      details: { refundId: refund.id, reason: input.reason },
    });
    return { refund, payment, paymentIntentId };
  });
}

/** A refund in three steps: our refund row first (holding its amount), then Stripe, then Stripe's answer recorded on the row. */
export async function requestRefund(
  db: Database,
  params: { user: User; input: RefundInput },
): Promise<RefundOutcome> {
  const reserved = await reserveRefund(db, params);
  return sendRefundToStripe(db, reserved);
}

/**
 * Retries a refund whose outcome is unknown (Stripe could not be reached). Anything already settled is
 * only reported; a refund still `creating` is looked up on Stripe, then re-sent with the same key.
 */
export async function retryRefund(
  db: Database,
  params: { user: User; refundId: string },
): Promise<RefundOutcome> {
  const { user } = params;
  const refund = await getRefundOfUser(db, { userId: user.id, refundId: params.refundId });
  if (!refund) throw notFound("That refund");
  if (refund.status !== "creating") return outcomeOf(refund);
  const payment = await getPayment(db, { userId: user.id, paymentId: refund.paymentId });
  if (!payment) throw notFound("That refund");
  const paymentIntentId = requireRefundable(payment);
  requireConnected(user, payment);
  return resendRefund(db, { refund, payment, paymentIntentId });
}

export type { RefundOutcome };
