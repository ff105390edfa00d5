import "server-only";
import type Stripe from "stripe";
import type { Database } from "@/db";
import { appendAudit } from "@/db/queries/audit";
import { insertDispute, lockDisputeByStripeIdForStripe, updateDisputeRow } from "@/db/queries/disputes";
import type { Dispute } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { canDisputeMoveTo, disputeStatusFromStripe, isDisputeClosed } from "@/lib/disputes/status";
import { logger } from "@/lib/logger";
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
} from "./shared";

// Disputes: Stripe's dispute objects written into our dispute rows (webhooks and reconcile), forward
// only and under the payment's row lock, like refunds. A dispute is not a refund: the invoice's paid
// and refunded sums stay; what Stripe withdrew from and reinstated to the seller's balance is kept on
// the dispute row from its balance transactions and shown beside the payment and invoice.

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
  const { status, unknown: unknownStatus } = disputeStatusFromStripe(dispute.status);
  if (unknownStatus !== null) noteUnknownStripeValue("dispute.status", unknownStatus);
  const dueBy = dispute.evidence_details?.due_by;
  const funds = disputeFunds(dispute);
  // Figures that only grow or are Stripe's latest word, safe to write whatever the status does.
  const facts = {
    amountMinor: dispute.amount,
    currency: dispute.currency,
    reason: dispute.reason,
    evidenceDueBy: dueBy ? new Date(dueBy * 1000) : null,
    evidenceSubmissionCount: dispute.evidence_details?.submission_count ?? 0,
    ...funds,
  };
  return withTransaction(db, async (tx): Promise<DisputeChange> => {
    const payment = await lockPaymentForStripeObject(tx, dispute);
    if (!payment) return { kind: "ignored", reason: "unknown_payment" };
    if (payment.stripeAccountId !== accountId) {
      logger.warn("dispute reported for another account", { disputeId: dispute.id, paymentId: payment.id });
      return { kind: "ignored", reason: "wrong_account" };
    }
    const existing = await lockDisputeByStripeIdForStripe(tx, { stripeDisputeId: dispute.id });
    if (existing && !canDisputeMoveTo(existing.status, status)) {
      // The status is stale or the same; money moves (funds_withdrawn/funds_reinstated) and evidence
      // counts still only ever grow, so they are taken when larger.
      const grown = grownFacts(existing, facts);
      if (!grown) return { kind: "unchanged", dispute: existing };
      const row = await updateDisputeRow(tx, { disputeId: existing.id, values: grown });
      await appendAudit(tx, {
        userId: payment.userId,
        invoiceId: payment.invoiceId,
        actor: "stripe",
        action: "dispute.funds",
        amountMinor: row.fundsWithdrawnMinor - row.fundsReinstatedMinor,
        currency: row.fundsCurrency ?? row.currency,
        stripeIds: { dispute: dispute.id, account: accountId },
        details: {
          withdrawn: row.fundsWithdrawnMinor,
          reinstated: row.fundsReinstatedMinor,
          via: params.source,
        },
      });
      return { kind: "updated", dispute: row };
    }
    const values = existing
      ? {
          ...facts,
          fundsWithdrawnMinor: Math.max(facts.fundsWithdrawnMinor, existing.fundsWithdrawnMinor),
          fundsReinstatedMinor: Math.max(facts.fundsReinstatedMinor, existing.fundsReinstatedMinor),
          fundsCurrency: facts.fundsCurrency ?? existing.fundsCurrency,
          evidenceSubmissionCount: Math.max(facts.evidenceSubmissionCount, existing.evidenceSubmissionCount),
        }
      : facts;
    const row = existing
      ? await updateDisputeRow(tx, {
          disputeId: existing.id,
          values: { ...values, status, unknownStripeStatus: unknownStatus },
        })
      : await insertDispute(tx, {
          ...values,
          status,
          unknownStripeStatus: unknownStatus,
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
      details: {
        status,
        ...(unknownStatus !== null ? { stripeStatus: unknownStatus } : {}),
        reason: dispute.reason,
        withdrawn: row.fundsWithdrawnMinor,
        reinstated: row.fundsReinstatedMinor,
        via: params.source,
      },
    });
    return { kind: existing ? "updated" : "created", dispute: row };
  });
}

type DisputeFunds = {
  fundsWithdrawnMinor: number;
  fundsReinstatedMinor: number;
  fundsCurrency: string | null;
};

/**
 * What the dispute's balance transactions (zero, one or two: API reference "The Dispute object") took
 * from and gave back to the seller's balance, net of the dispute fee. They are expanded objects in the
 * dispute; an id alone (never seen from Stripe) counts for nothing rather than a guess.
 */
export function disputeFunds(dispute: Pick<Stripe.Dispute, "balance_transactions">): DisputeFunds {
  let withdrawn = 0;
  let reinstated = 0;
  let currency: string | null = null;
  for (const bt of dispute.balance_transactions ?? []) {
    if (typeof bt !== "object" || bt === null) continue;
    currency ??= bt.currency;
    if (bt.net < 0) withdrawn += -bt.net;
    else reinstated += bt.net;
  }
  return { fundsWithdrawnMinor: withdrawn, fundsReinstatedMinor: reinstated, fundsCurrency: currency };
}

type DisputeFacts = DisputeFunds & { evidenceSubmissionCount: number };

/** The facts that grew since our row (a stale read never lowers them), or null when none did. */
function grownFacts(existing: Dispute, facts: DisputeFacts): Partial<DisputeFacts> | null {
  const grown: Partial<DisputeFacts> = {};
  if (facts.fundsWithdrawnMinor > existing.fundsWithdrawnMinor)
    grown.fundsWithdrawnMinor = facts.fundsWithdrawnMinor;
  if (facts.fundsReinstatedMinor > existing.fundsReinstatedMinor)
    grown.fundsReinstatedMinor = facts.fundsReinstatedMinor;
  if (facts.fundsCurrency && !existing.fundsCurrency) grown.fundsCurrency = facts.fundsCurrency;
  if (facts.evidenceSubmissionCount > existing.evidenceSubmissionCount)
    grown.evidenceSubmissionCount = facts.evidenceSubmissionCount;
  if (Object.keys(grown).length === 0) return null;
  return grown;
}

/** Stripe's recent disputes on the account, newest first (reconcile). */
export function listStripeDisputes(accountId: string): Promise<Stripe.Dispute[]> {
  return collectPages((page) => getStripe().disputes.list(page, { stripeAccount: accountId }));
}

type DisputeEvent = { accountId: string; dispute: Stripe.Dispute };

/**
 * charge.dispute.created / .updated / .closed / .funds_withdrawn / .funds_reinstated: the dispute as
 * Stripe has it now, on our payment.
 */
export const disputeEventSync = defineEventSync<DisputeEvent>({
  async prepare(db, event) {
    const accountId = event.account;
    if (!accountId) return NOTHING_TO_APPLY;
    const object = event.data.object as Stripe.Dispute;
    if (!(await findOurPaymentForStripe(db, { accountId, object }))) return NOTHING_TO_APPLY;
    const read = await callConnectedAccount(db, { accountId }, () =>
      getStripe().disputes.retrieve(object.id, {}, { stripeAccount: accountId }),
    );
    return read.revoked ? NOTHING_TO_APPLY : { accountId, dispute: read.value };
  },
  async apply(db, _event, prepared) {
    await applyStripeDispute(db, {
      dispute: prepared.dispute,
      accountId: prepared.accountId,
      source: "webhook",
    });
  },
});
