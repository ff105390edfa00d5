import type Stripe from "stripe";
import type { ApiRequest } from "../core/api";
import { invalidRequest } from "../core/errors";
import { newId } from "../core/ids";
import { ParamReader } from "../core/params";
import type { OpContext } from "../core/store";
import { expandObject } from "./expand";

// Disputes as Stripe runs them (docs "Dispute lifecycle", "Respond to disputes", API reference
// "Update a dispute" / "Close a dispute"):
//   inquiry:     warning_needs_response → (evidence) warning_under_review → warning_closed, or escalated
//   chargeback:  needs_response → (evidence submitted) under_review → won | lost; the disputed amount
//                and the dispute fee leave the balance at once (charge.dispute.funds_withdrawn), and
//                come back when won (charge.dispute.funds_reinstated)
//   appeal:      lost → appeal_needs_response → (evidence) appeal_under_review → won | lost
// Every change emits charge.dispute.updated (closing: charge.dispute.closed).

/** Stripe's dispute fee for card disputes in the charge's currency (15.00 in most currencies). */
export const DISPUTE_FEE_MINOR = 1500;
/** "The combined character count of all text fields is limited to 150,000" (docs "Respond to disputes"). */
export const EVIDENCE_TEXT_LIMIT = 150_000;

const AWAITING: Record<string, string> = {
  warning_needs_response: "warning_under_review",
  needs_response: "under_review",
  appeal_needs_response: "appeal_under_review",
};
const CLOSED = new Set(["won", "lost", "warning_closed", "prevented"]);
/** Evidence fields that take a File Upload id (`file_…`), not text (API reference "Update a dispute"). */
const FILE_FIELDS = new Set([
  "cancellation_policy",
  "customer_communication",
  "customer_signature",
  "duplicate_charge_documentation",
  "receipt",
  "refund_policy",
  "service_documentation",
  "shipping_documentation",
  "uncategorized_file",
]);

function balanceTransaction(
  ctx: OpContext,
  dispute: Stripe.Dispute,
  kind: "withdrawal" | "reinstatement",
): Stripe.BalanceTransaction {
  const now = ctx.store.clock.now();
  const amount = kind === "withdrawal" ? -dispute.amount : dispute.amount;
  const fee = kind === "withdrawal" ? DISPUTE_FEE_MINOR : 0;
  return {
    id: newId("txn"),
    object: "balance_transaction",
    amount,
    available_on: now,
    balance_type: "payments",
    created: now,
    currency: dispute.currency,
    description: kind === "withdrawal" ? "Chargeback withdrawal" : "Chargeback reversal",
    exchange_rate: null,
    fee,
    fee_details: fee
      ? [
          {
            amount: fee,
            application: null,
            currency: dispute.currency,
            description: "Dispute fee",
            type: "stripe_fee",
          },
        ]
      : [],
    net: amount - fee,
    reporting_category: kind === "withdrawal" ? "dispute" : "dispute_reversal",
    source: dispute.id,
    status: "available",
    type: kind === "withdrawal" ? "adjustment" : "adjustment",
  } as Stripe.BalanceTransaction;
}

/** A chargeback takes the disputed amount and the fee from the balance at once. */
export function withdrawFunds(ctx: OpContext, dispute: Stripe.Dispute): void {
  dispute.balance_transactions.push(balanceTransaction(ctx, dispute, "withdrawal"));
  ctx.store.touch();
  ctx.store.emit(ctx, "charge.dispute.funds_withdrawn", dispute);
}

function setStatus(ctx: OpContext, dispute: Stripe.Dispute, status: string): Record<string, unknown> {
  const previous = { status: dispute.status };
  dispute.status = status as Stripe.Dispute.Status;
  ctx.store.touch();
  return previous;
}

/** POST /v1/disputes/:id: stage or submit evidence (`submit` defaults to true, as in Stripe). */
export function updateDisputeRoute(req: ApiRequest): unknown {
  const reader = new ParamReader(req.params, ["evidence", "metadata", "submit"]);
  const { ctx } = req;
  const dispute = ctx.store.require("disputes", ctx.account, req.path.id ?? "", { objectName: "dispute" });
  const evidence = reader.object("evidence");
  const submit = reader.boolean("submit") ?? true;
  const next = AWAITING[dispute.status];
  if ((evidence || reader.has("submit")) && !next) {
    throw invalidRequest(`This dispute is ${dispute.status} and can no longer be updated with evidence.`, {
      param: "evidence",
    });
  }
  const previous: Record<string, unknown> = {};
  if (reader.has("metadata")) {
    previous.metadata = { ...dispute.metadata };
    dispute.metadata = reader.metadata(dispute.metadata ?? {});
  }
  if (evidence) {
    const merged: Record<string, unknown> = { ...dispute.evidence };
    for (const [key, value] of Object.entries(evidence)) {
      if (!(key in dispute.evidence) || key === "enhanced_evidence") {
        throw invalidRequest(`Received unknown parameter: evidence[${key}]`, { param: `evidence[${key}]` });
      }
      if (typeof value !== "string")
        throw invalidRequest(`Invalid string: evidence[${key}]`, { param: `evidence[${key}]` });
      if (FILE_FIELDS.has(key) && value !== "" && !value.startsWith("file_")) {
        // The emulator has no Files API: a file field can only name a file, and none exists.
        throw invalidRequest(`No such file upload: '${value}'`, { param: `evidence[${key}]` });
      }
      merged[key] = value === "" ? null : value;
    }
    const textLength = Object.entries(merged).reduce<number>(
      (n, [k, v]) => n + (typeof v === "string" && !FILE_FIELDS.has(k) ? v.length : 0),
      0,
    );
    if (textLength > EVIDENCE_TEXT_LIMIT) {
      throw invalidRequest(
        `The combined length of all evidence text fields must be at most ${EVIDENCE_TEXT_LIMIT} characters.`,
        { param: "evidence" },
      );
    }
    previous.evidence = dispute.evidence;
    dispute.evidence = merged as unknown as Stripe.Dispute.Evidence;
    dispute.evidence_details.has_evidence = true;
  }
  if (submit && next && (evidence || dispute.evidence_details.has_evidence)) {
    const now = ctx.store.clock.now();
    const details = dispute.evidence_details;
    details.past_due = details.due_by !== null && now > details.due_by;
    details.submission_count += 1;
    details.submission_method = "manual";
    Object.assign(previous, setStatus(ctx, dispute, next));
  }
  ctx.store.touch();
  if (Object.keys(previous).length > 0) ctx.store.emit(ctx, "charge.dispute.updated", dispute, previous);
  return expandObject(ctx.store, ctx.account, "dispute", dispute, reader.expand());
}

/** POST /v1/disputes/:id/close: the seller accepts the dispute; it is lost at once. */
export function acceptDisputeRoute(req: ApiRequest): unknown {
  const reader = new ParamReader(req.params, []);
  const { ctx } = req;
  const dispute = ctx.store.require("disputes", ctx.account, req.path.id ?? "", { objectName: "dispute" });
  if (CLOSED.has(dispute.status))
    return expandObject(ctx.store, ctx.account, "dispute", dispute, reader.expand());
  if (!AWAITING[dispute.status]) {
    throw invalidRequest(`This dispute is ${dispute.status} and can no longer be closed.`);
  }
  const previous = setStatus(
    ctx,
    dispute,
    dispute.status === "warning_needs_response" ? "warning_closed" : "lost",
  );
  ctx.store.emit(ctx, "charge.dispute.closed", dispute, previous);
  return expandObject(ctx.store, ctx.account, "dispute", dispute, reader.expand());
}

/** Control API: the bank decides. Won gives the withdrawn amount back (funds_reinstated). */
export function decideDispute(
  ctx: OpContext,
  disputeId: string,
  status: "won" | "lost" | "warning_closed",
): Stripe.Dispute {
  const dispute = ctx.store.require("disputes", ctx.account, disputeId, { objectName: "dispute" });
  if (CLOSED.has(dispute.status)) {
    throw invalidRequest(`Dispute ${dispute.id} is already closed (${dispute.status}).`);
  }
  const inquiry = dispute.status.startsWith("warning_");
  if (inquiry !== (status === "warning_closed")) {
    throw invalidRequest(
      inquiry
        ? `Dispute ${dispute.id} is an inquiry: it closes as warning_closed, or escalates first.`
        : `Dispute ${dispute.id} is a chargeback: it is won or lost.`,
    );
  }
  const withdrawn = dispute.balance_transactions.some((bt) => bt.amount < 0);
  const reinstated = dispute.balance_transactions.some((bt) => bt.amount > 0);
  if (status === "won" && withdrawn && !reinstated) {
    dispute.balance_transactions.push(balanceTransaction(ctx, dispute, "reinstatement"));
    ctx.store.emit(ctx, "charge.dispute.funds_reinstated", dispute);
  }
  const previous = setStatus(ctx, dispute, status);
  ctx.store.emit(ctx, "charge.dispute.closed", dispute, previous);
  return dispute;
}

/** Control API: an inquiry becomes a chargeback (needs_response, funds withdrawn). */
export function escalateDispute(ctx: OpContext, disputeId: string): Stripe.Dispute {
  const dispute = ctx.store.require("disputes", ctx.account, disputeId, { objectName: "dispute" });
  if (dispute.status !== "warning_needs_response" && dispute.status !== "warning_under_review") {
    throw invalidRequest(`Only an open inquiry can escalate; dispute ${dispute.id} is ${dispute.status}.`);
  }
  const previous = setStatus(ctx, dispute, "needs_response");
  dispute.is_charge_refundable = false;
  dispute.evidence_details.due_by = ctx.store.clock.now() + 7 * 24 * 3600;
  if (dispute.payment_method_details?.card) dispute.payment_method_details.card.case_type = "chargeback";
  ctx.store.emit(ctx, "charge.dispute.updated", dispute, previous);
  withdrawFunds(ctx, dispute);
  return dispute;
}

/** Control API: the seller appeals a lost dispute (the appeal statuses of API 2026-10-28). */
export function appealDispute(ctx: OpContext, disputeId: string): Stripe.Dispute {
  const dispute = ctx.store.require("disputes", ctx.account, disputeId, { objectName: "dispute" });
  if (dispute.status !== "lost")
    throw invalidRequest(`Only a lost dispute can be appealed; ${dispute.id} is ${dispute.status}.`);
  const previous = setStatus(ctx, dispute, "appeal_needs_response");
  dispute.evidence_details.due_by = ctx.store.clock.now() + 7 * 24 * 3600;
  ctx.store.emit(ctx, "charge.dispute.updated", dispute, previous);
  return dispute;
}

/**
 * Control API: any status at all, even one this API version does not have (or null), with
 * charge.dispute.updated — for proving an app settles values Stripe may add later.
 */
export function forceDisputeStatus(ctx: OpContext, disputeId: string, status: string | null): Stripe.Dispute {
  const dispute = ctx.store.require("disputes", ctx.account, disputeId, { objectName: "dispute" });
  const previous = setStatus(ctx, dispute, status as string);
  ctx.store.emit(ctx, "charge.dispute.updated", dispute, previous);
  return dispute;
}
