import type Stripe from "stripe";
import { invalidRequest, resourceMissing } from "../core/errors";
import { newId, randomToken } from "../core/ids";
import type { OpContext } from "../core/store";
import { applyRefundedAmount } from "./charges";
import { checkAmountStep, formatMinor } from "./money";
import { TEST_CARDS } from "./test-cards";

export const REFUND_REASONS = ["duplicate", "fraudulent", "requested_by_customer"] as const;

export type RefundInput = {
  charge?: string;
  paymentIntent?: string;
  amount?: number;
  reason?: (typeof REFUND_REASONS)[number];
  metadata?: Record<string, string>;
};

function chargeToRefund(ctx: OpContext, input: RefundInput): Stripe.Charge {
  const { store, account } = ctx;
  if (!input.charge && !input.paymentIntent) {
    throw invalidRequest(
      "One of the following params should be provided for this request: payment_intent or charge.",
    );
  }
  let chargeId = input.charge;
  if (input.paymentIntent) {
    const pi = store.require("payment_intents", account, input.paymentIntent, {
      objectName: "payment_intent",
      param: "payment_intent",
    });
    const latest = pi.latest_charge ? store.get("charges", account, String(pi.latest_charge)) : undefined;
    if (latest?.status !== "succeeded") {
      throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, {
        param: "payment_intent",
      });
    }
    if (chargeId && chargeId !== latest.id) {
      throw invalidRequest(`The charge ${chargeId} does not belong to the PaymentIntent ${pi.id}.`, {
        param: "charge",
      });
    }
    chargeId = latest.id;
  }
  const charge = store.get("charges", account, chargeId ?? "");
  if (!charge) throw resourceMissing("charge", chargeId ?? "", "charge");
  return charge;
}

function checkRefundable(ctx: OpContext, charge: Stripe.Charge, amount: number | undefined): number {
  if (charge.status !== "succeeded") {
    throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`, {
      param: "charge",
      code: "charge_not_refundable",
    });
  }
  const dispute = ctx.store.list("disputes", ctx.account).find((d) => d.charge === charge.id);
  if (dispute && !dispute.is_charge_refundable) {
    throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, {
      code: "charge_disputed",
    });
  }
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining <= 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
      code: "charge_already_refunded",
    });
  }
  const value = amount ?? remaining;
  if (value > remaining) {
    throw invalidRequest(
      `Refund amount (${formatMinor(value, charge.currency)}) is greater than unrefunded amount on charge (${formatMinor(remaining, charge.currency)})`,
      { param: "amount" },
    );
  }
  // The same steps as charges: a refund of a fractional-króna or odd-fils remainder is refused too.
  checkAmountStep(value, charge.currency);
  return value;
}

/** Creates a refund (API or "dashboard"), keeping the charge's `amount_refunded`/`refunded` right. */
export function createRefund(ctx: OpContext, input: RefundInput): Stripe.Refund {
  const { store } = ctx;
  const charge = chargeToRefund(ctx, input);
  const amount = checkRefundable(ctx, charge, input.amount);
  const testCard = charge.payment_method ? store.state.paymentMethodCards[charge.payment_method] : undefined;
  const behaviour = testCard ? TEST_CARDS[testCard].refund : "instant";
  const pending = behaviour === "pending_then_succeeded";
  const refund: Stripe.Refund = {
    id: newId("re"),
    object: "refund",
    amount,
    balance_transaction: newId("txn"),
    charge: charge.id,
    created: store.clock.now(),
    currency: charge.currency,
    customer: null,
    customer_account: null,
    destination_details: {
      card: {
        reference: pending ? undefined : randomToken(23),
        reference_status: pending ? "pending" : "available",
        reference_type: "acquirer_reference_number",
        type: "refund",
      },
      type: "card",
    },
    metadata: input.metadata ?? {},
    payment_intent: typeof charge.payment_intent === "string" ? charge.payment_intent : null,
    payment_method: charge.payment_method,
    ...(pending ? { pending_reason: "processing" } : {}),
    reason: input.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: pending ? "pending" : "succeeded",
    transfer_reversal: null,
  };
  store.insert("refunds", ctx.account, refund);
  const previous = applyRefundedAmount(charge, amount);
  store.emit(ctx, "refund.created", refund);
  store.emit(ctx, "charge.refunded", charge, previous);
  if (behaviour !== "instant")
    store.schedule("refund_settle", ctx.account, refund.id, store.delays.refundSeconds);
  return refund;
}

function changeStatus(
  ctx: OpContext,
  refund: Stripe.Refund,
  changes: Partial<Stripe.Refund>,
  giveBack: boolean,
) {
  const { store } = ctx;
  const previous: Record<string, unknown> = {};
  for (const key of Object.keys(changes) as (keyof Stripe.Refund)[]) previous[key] = refund[key] ?? null;
  Object.assign(refund, changes);
  if (giveBack) {
    const charge = store.get("charges", ctx.account, String(refund.charge));
    // A refund that fails or is canceled gives its amount back to what can still be refunded.
    if (charge) applyRefundedAmount(charge, -refund.amount);
  }
  store.touch();
  store.emit(ctx, "refund.updated", refund, previous);
  if (refund.status === "failed") store.emit(ctx, "refund.failed", refund);
  store.emit(ctx, "charge.refund.updated", refund, previous);
}

/** The asynchronous end of a test card's refund: 7726 pending → succeeded, 5126 succeeded → failed. */
export function settleRefund(ctx: OpContext, refundId: string): void {
  const refund = ctx.store.get("refunds", ctx.account, refundId);
  if (!refund) return;
  if (refund.status === "pending") {
    const current = refund.destination_details;
    const details = current?.card
      ? { ...current, card: { ...current.card, reference: randomToken(23), reference_status: "available" } }
      : current;
    changeStatus(
      ctx,
      refund,
      { status: "succeeded", pending_reason: undefined, destination_details: details },
      false,
    );
  } else if (refund.status === "succeeded") {
    changeStatus(
      ctx,
      refund,
      {
        status: "failed",
        failure_reason: "expired_or_canceled_card",
        failure_balance_transaction: newId("txn"),
      },
      true,
    );
  }
}

/** Canceling a pending card refund is only possible in the Dashboard (docs.stripe.com/testing). */
export function cancelRefundFromDashboard(ctx: OpContext, refundId: string): Stripe.Refund {
  const refund = ctx.store.require("refunds", ctx.account, refundId, { objectName: "refund" });
  if (refund.status !== "pending" && refund.status !== "requires_action") {
    throw invalidRequest(
      `Refund ${refund.id} has status ${refund.status}; only pending refunds can be canceled.`,
    );
  }
  changeStatus(ctx, refund, { status: "canceled", pending_reason: undefined }, true);
  for (const job of Object.values(ctx.store.state.jobs)) {
    if (job.target === refund.id) delete ctx.store.state.jobs[job.id];
  }
  return refund;
}
