import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { EMULATOR_CONNECT_CLIENT_ID, EMULATOR_PLATFORM_ACCOUNT_ID } from "../constants";
import { newId, randomToken } from "../core/ids";
import type { OpContext } from "../core/store";
import type { Decline } from "./test-cards";

export type ChargeOutcome = "succeeded" | "pending" | Decline;

function outcome(result: ChargeOutcome): Stripe.Charge.Outcome {
  const base = { advice_code: null, network_advice_code: null, network_decline_code: null };
  if (typeof result === "string") {
    return {
      ...base,
      network_status: "approved_by_network",
      reason: null,
      risk_level: "normal",
      risk_score: 20,
      seller_message: "Payment complete.",
      type: "authorized",
    };
  }
  return {
    ...base,
    network_status: "declined_by_network",
    reason: result.declineCode,
    risk_level: "normal",
    risk_score: 20,
    seller_message: "The bank did not return any further details with this decline.",
    type: "issuer_declined",
  };
}

/** The Charge a confirmation attempt creates, succeeded, pending or failed. */
export function buildCharge(
  ctx: OpContext,
  pi: Stripe.PaymentIntent,
  pm: Stripe.PaymentMethod,
  result: ChargeOutcome,
  threeDSecure: boolean,
): Stripe.Charge {
  const id = newId("ch");
  const succeeded = result === "succeeded";
  const failed = typeof result !== "string";
  const card = pm.card;
  const direct = ctx.account !== EMULATOR_PLATFORM_ACCOUNT_ID;
  const fee = pi.application_fee_amount;
  return {
    id,
    object: "charge",
    amount: pi.amount,
    amount_captured: succeeded ? pi.amount : 0,
    amount_refunded: 0,
    application: direct ? EMULATOR_CONNECT_CLIENT_ID : null,
    application_fee: succeeded && fee ? newId("fee") : null,
    application_fee_amount: fee,
    balance_transaction: succeeded ? newId("txn") : null,
    billing_details: pm.billing_details,
    calculated_statement_descriptor: "SIXTHDESK",
    captured: succeeded,
    created: ctx.store.clock.now(),
    currency: pi.currency,
    customer: null,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failed ? result.code : null,
    failure_message: failed ? result.message : null,
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: null,
    outcome: outcome(result),
    paid: succeeded,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: {
      card: {
        amount_authorized: failed ? null : pi.amount,
        authorization_code: failed ? null : "123456",
        brand: card?.brand ?? null,
        checks: card?.checks ?? null,
        country: card?.country ?? null,
        electronic_commerce_indicator: threeDSecure ? "05" : null,
        exp_month: card?.exp_month ?? 12,
        exp_year: card?.exp_year ?? 2030,
        fingerprint: card?.fingerprint ?? null,
        funding: card?.funding ?? null,
        installments: null,
        last4: card?.last4 ?? null,
        mandate: null,
        network: card?.brand ?? null,
        network_transaction_id: failed ? null : randomToken(15),
        regulated_status: "unregulated",
        three_d_secure: threeDSecure
          ? {
              authentication_flow: "challenge",
              electronic_commerce_indicator: "05",
              exemption_indicator: null,
              result: "authenticated",
              result_reason: null,
              transaction_id: randomUUID(),
              version: "2.2.0",
            }
          : null,
        transaction_link_id: null,
        wallet: null,
      },
      type: "card",
    },
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: succeeded ? `${ctx.store.publicUrl}/receipts/${ctx.account}/${id}` : null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: pi.statement_descriptor,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    status: succeeded ? "succeeded" : failed ? "failed" : "pending",
    transfer_data: null,
    transfer_group: pi.transfer_group,
  };
}

/** Marks a pending charge as paid (asynchronous settlement). */
export function settleCharge(charge: Stripe.Charge): void {
  Object.assign(charge, {
    status: "succeeded",
    paid: true,
    captured: true,
    amount_captured: charge.amount,
    balance_transaction: newId("txn"),
  });
}

/** `refunded` is only true once every unit is refunded (partial refunds leave it false). */
export function applyRefundedAmount(charge: Stripe.Charge, delta: number): Record<string, unknown> {
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += delta;
  charge.refunded = charge.amount_refunded >= charge.amount;
  return previous;
}
