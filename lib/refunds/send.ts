import "server-only";
import type Stripe from "stripe";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { lockPaymentOfUser } from "@/db/queries/payments";
import { advanceRefundIdempotencyAttempt, lockRefundOfUser, updateRefundRow } from "@/db/queries/refunds";
import type { Payment, Refund } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getStripe } from "@/lib/stripe/client";
import { applyStripeRefund, findStripeRefundOfOurs, listStripeRefunds } from "@/lib/stripe/sync/refund";
import { disconnectIfRevoked } from "@/lib/stripe/sync/shared";
import { refundOutcomeMessage } from "./messages";
import {
  ACCOUNT_REVOKED_MESSAGE,
  classifyRefundError,
  isSavedServerError,
  type RefundErrorKind,
  unknownOutcomeMessage,
} from "./stripe-errors";

export type RefundOutcome = { refund: Refund; message: string };

type Sendable = { refund: Refund; payment: Payment; paymentIntentId: string };

export function outcomeOf(refund: Refund): RefundOutcome {
  return { refund, message: refundOutcomeMessage(refund) };
}

/** A request Stripe refused made no refund: the row is marked errored and stops holding its amount. */
export async function markErrored(db: Database, params: { refund: Refund; code: string }) {
  const { refund } = params;
  await db.transaction(async (tx) => {
    // Payment first, as every refund change on a payment does, so no two paths lock in opposite order.
    await lockPaymentOfUser(tx, { userId: refund.userId, paymentId: refund.paymentId });
    const row = await lockRefundOfUser(tx, { userId: refund.userId, refundId: refund.id });
    if (row?.status !== "creating") return;
    await updateRefundRow(tx, {
      refundId: row.id,
      values: { status: "errored", failureReason: params.code },
    });
    await appendAudit(tx, {
      userId: row.userId,
      invoiceId: row.invoiceId,
      actor: "system",
      action: "refund.errored",
      amountMinor: row.amountMinor,
      currency: row.currency,
      details: { refundId: row.id, code: params.code },
    });
  });
}

async function failWith(
  db: Database,
  params: Sendable & { error: unknown; kind: RefundErrorKind },
): Promise<never> {
  const { refund, payment, kind } = params;
  logger.warn("stripe refund failed", {
    refundId: refund.id,
    paymentId: payment.id,
    accountId: payment.stripeAccountId,
    outcome: kind.kind,
    code: kind.kind === "revoked" ? "account_revoked" : kind.code,
  });
  switch (kind.kind) {
    case "revoked":
      await markErrored(db, { refund, code: "account_revoked" });
      await disconnectIfRevoked(db, { accountId: payment.stripeAccountId, error: params.error });
      throw new AppError("conflict", ACCOUNT_REVOKED_MESSAGE, { cause: params.error });
    case "refused":
      await markErrored(db, { refund, code: kind.code });
      if (kind.code === "charge_already_refunded" || kind.code === "amount_too_large") {
        // Stripe knows refunds we do not (a dashboard refund whose webhook has not arrived): bring them in.
        await syncRefundsOfPayment(db, params).catch((error: unknown) =>
          logger.warn("refund sync after refusal failed", {
            paymentId: payment.id,
            error: error instanceof Error ? error.name : "unknown",
          }),
        );
      }
      throw new AppError("conflict", kind.message, { cause: params.error });
    case "unknown":
      // The row stays `creating` and keeps its amount reserved until the outcome is known.
      throw new AppError("stripe_error", unknownOutcomeMessage(kind.code), { cause: params.error });
    default: {
      const never: never = kind;
      throw new Error(`unexpected refund error ${String(never)}`);
    }
  }
}

async function syncRefundsOfPayment(db: Database, params: Sendable) {
  const refunds = await listStripeRefunds(params.payment.stripeAccountId, {
    payment_intent: params.paymentIntentId,
  });
  for (const refund of refunds) {
    await applyStripeRefund(db, { refund, accountId: params.payment.stripeAccountId, source: "app" });
  }
}

/**
 * The idempotency key of the row's next request: the same one while Stripe may not have run it (a
 * network failure, a timeout, a 429), so a retry can never refund twice; a new one only after Stripe
 * answered a 5xx (it keeps that answer as the key's result, "including 500 errors") and then had no
 * refund of ours when looked up (resendRefund).
 */
export function refundIdempotencyKey(refund: Pick<Refund, "id" | "idempotencyAttempt">): string {
  return refund.idempotencyAttempt === 0
    ? `refund:${refund.id}`
    : `refund:${refund.id}:${refund.idempotencyAttempt}`;
}

/**
 * Asks Stripe for the refund our row describes, outside any transaction, with the row's idempotency key
 * (refundIdempotencyKey): a retry after a network failure sends the same key, so Stripe never refunds twice.
 */
export async function sendRefundToStripe(db: Database, params: Sendable): Promise<RefundOutcome> {
  const { refund, payment, paymentIntentId } = params;
  const refundFee = getEnv().REFUND_APPLICATION_FEE && payment.applicationFeeMinor > 0;
  let created: Stripe.Refund;
  try {
    created = await getStripe().refunds.create(
      {
        payment_intent: paymentIntentId,
        amount: refund.amountMinor,
        ...(refund.reason ? { reason: refund.reason } : {}),
        metadata: { refund_id: refund.id, invoice_id: refund.invoiceId, payment_id: payment.id },
        ...(refundFee ? { refund_application_fee: true } : {}),
      },
      { stripeAccount: payment.stripeAccountId, idempotencyKey: refundIdempotencyKey(refund) },
    );
  } catch (error) {
    if (isSavedServerError(error)) {
      // This key now only ever answers that 5xx: the next attempt, once Stripe is seen to have no
      // refund of ours, needs a new one.
      await advanceRefundIdempotencyAttempt(db, { refundId: refund.id, attempt: refund.idempotencyAttempt });
    }
    return failWith(db, { ...params, error, kind: classifyRefundError(error) });
  }
  logger.info("refund sent to stripe", {
    refundId: refund.id,
    stripeRefundId: created.id,
    status: created.status,
  });
  return recordAnswer(db, params, created);
}

/** Stripe's refund for our row, recorded on it (linked by its `re_` id, status moved forward). */
async function recordAnswer(
  db: Database,
  params: Sendable,
  stripeRefund: Stripe.Refund,
): Promise<RefundOutcome> {
  const change = await applyStripeRefund(db, {
    refund: stripeRefund,
    accountId: params.payment.stripeAccountId,
    source: "app",
    ourRefundId: params.refund.id,
  });
  if (change.kind === "ignored")
    throw new Error(`refund ${params.refund.id} could not be recorded: ${change.reason}`);
  return outcomeOf(change.refund);
}

/**
 * Settles a refund whose outcome is unknown (no answer, or a 5xx): Stripe is asked first, and a refund
 * it made (found by our metadata) is recorded; only when it has none is the request sent again, with
 * the row's current key (a new one if the last answer was a 5xx; the caller passes the fresh row).
 */
export async function resendRefund(db: Database, params: Sendable): Promise<RefundOutcome> {
  const { refund, payment, paymentIntentId } = params;
  let found: Stripe.Refund | undefined;
  try {
    found = await findStripeRefundOfOurs(payment.stripeAccountId, { paymentIntentId, refundId: refund.id });
  } catch (error) {
    // A failed look-up says nothing about the refund itself: only a revoked account is conclusive.
    const kind = classifyRefundError(error);
    const code = kind.kind === "revoked" ? "account_revoked" : kind.code;
    return failWith(db, {
      ...params,
      error,
      kind: kind.kind === "revoked" ? kind : { kind: "unknown", code },
    });
  }
  if (!found) return sendRefundToStripe(db, params);
  return recordAnswer(db, params, found);
}
