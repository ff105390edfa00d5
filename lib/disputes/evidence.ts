import "server-only";
import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { getDisputeOfUser, markEvidenceSubmitted } from "@/db/queries/disputes";
import { getPayment } from "@/db/queries/payments";
import type { Dispute, User } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getStripe } from "@/lib/stripe/client";
import { connectedStripeAccount } from "@/lib/stripe/connection";
import { isAccountAccessRevoked } from "@/lib/stripe/errors";
import { applyStripeDispute } from "@/lib/stripe/sync/dispute";
import { disconnectIfRevoked } from "@/lib/stripe/sync/shared";
import { type DisputeEvidenceInput, stripeEvidenceOf } from "./schema";
import { disputeStatusFromStripe, isAwaitingEvidence } from "./status";

// The seller's answer to a dispute: text evidence sent to Stripe with disputes.update, submitted at
// once or saved as a draft on Stripe. Stripe takes one submission, so Stripe is read first: a
// submission whose answer was lost (a timeout, a 5xx) is found there and never sent again.

export type EvidenceOutcome = { dispute: Dispute; submitted: boolean; message: string };

const UNREACHABLE =
  "Stripe could not be reached, so the evidence may not have been sent. Press the button again: SixthDesk checks with Stripe first, so it is never sent twice.";

function failure(error: unknown): AppError {
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    return new AppError("conflict", `Stripe refused the evidence: ${error.message}`, { cause: error });
  }
  if (error instanceof Stripe.errors.StripeRateLimitError) {
    return new AppError(
      "stripe_error",
      "Stripe is busy right now. Nothing was sent: try again in a moment.",
      {
        cause: error,
      },
    );
  }
  return new AppError("stripe_error", UNREACHABLE, { cause: error });
}

async function callStripe<T>(db: Database, accountId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    logger.warn("dispute evidence call to stripe failed", {
      accountId,
      error: error instanceof Error ? error.name : "unknown",
    });
    if (isAccountAccessRevoked(error)) {
      await disconnectIfRevoked(db, { accountId, error });
      throw new AppError(
        "conflict",
        "Your Stripe account is no longer connected to SixthDesk, so nothing was sent. Connect it again under Settings → Payments.",
        { cause: error },
      );
    }
    throw failure(error);
  }
}

/** Sends the User's evidence for one of their disputes (another User's is not found). */
export async function sendDisputeEvidence(
  db: Database,
  params: { user: User; input: DisputeEvidenceInput; now?: Date },
): Promise<EvidenceOutcome> {
  const { user, input } = params;
  const row = await getDisputeOfUser(db, { userId: user.id, disputeId: input.disputeId });
  if (!row) throw notFound("That dispute");
  const payment = await getPayment(db, { userId: user.id, paymentId: row.paymentId });
  if (!payment) throw notFound("That dispute");
  const accountId = payment.stripeAccountId;
  if (connectedStripeAccount(user) !== accountId) {
    throw new AppError(
      "conflict",
      `This payment was taken on Stripe account ${accountId}, which is not connected to SixthDesk now. Connect it again under Settings → Payments to answer the dispute.`,
    );
  }
  const stripe = getStripe();
  const current = await callStripe(db, accountId, () =>
    stripe.disputes.retrieve(row.stripeDisputeId, {}, { stripeAccount: accountId }),
  );
  await applyStripeDispute(db, { dispute: current, accountId, source: "app" });
  const { status } = disputeStatusFromStripe(current.status);
  if (!isAwaitingEvidence(status)) {
    const refreshed = (await getDisputeOfUser(db, { userId: user.id, disputeId: row.id })) ?? row;
    const already = status.endsWith("under_review");
    throw new AppError(
      "conflict",
      already
        ? "Stripe already has evidence for this dispute: it is under review. Nothing more was sent."
        : `This dispute no longer takes evidence (Stripe has it as ${refreshed.unknownStripeStatus ?? status.replaceAll("_", " ")}).`,
    );
  }
  const evidence = stripeEvidenceOf(input);
  const updated = await callStripe(db, accountId, () =>
    stripe.disputes.update(
      row.stripeDisputeId,
      { evidence, submit: input.submit },
      // Each press is a new request; the SDK's own retries of it share this key.
      { stripeAccount: accountId, idempotencyKey: `dispute:${row.id}:evidence:${randomUUID()}` },
    ),
  );
  await applyStripeDispute(db, { dispute: updated, accountId, source: "app" });
  const now = params.now ?? new Date();
  if (input.submit) await markEvidenceSubmitted(db, { disputeId: row.id, at: now });
  await appendAudit(db, {
    userId: user.id,
    invoiceId: row.invoiceId,
    actor: "user",
    action: input.submit ? "dispute.evidence_submitted" : "dispute.evidence_saved",
    amountMinor: row.amountMinor,
    currency: row.currency,
    stripeIds: { dispute: row.stripeDisputeId, account: accountId },
    // Which fields, never their text (it may hold the customer's personal data).
    details: { fields: Object.keys(evidence).join(",") },
  });
  const dispute = (await getDisputeOfUser(db, { userId: user.id, disputeId: row.id })) ?? row;
  return {
    dispute,
    submitted: input.submit,
    message: input.submit
      ? "Evidence submitted. The card issuer reviews it; Stripe says how it ends, usually within 60–75 days."
      : "Evidence saved on Stripe as a draft. Submit it before the deadline.",
  };
}
