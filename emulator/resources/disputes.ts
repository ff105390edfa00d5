import type Stripe from "stripe";
import type { ApiRequest } from "../core/api";
import { newId } from "../core/ids";
import { createdFilter, LIST_PARAMS, paginate } from "../core/list";
import { ParamReader } from "../core/params";
import type { OpContext } from "../core/store";
import { withdrawFunds } from "./dispute-lifecycle";
import { expandList, expandObject } from "./expand";
import { TEST_CARDS } from "./test-cards";

const EVIDENCE_FIELDS = [
  "access_activity_log",
  "billing_address",
  "cancellation_policy",
  "cancellation_policy_disclosure",
  "cancellation_rebuttal",
  "customer_communication",
  "customer_email_address",
  "customer_name",
  "customer_purchase_ip",
  "customer_signature",
  "duplicate_charge_documentation",
  "duplicate_charge_explanation",
  "duplicate_charge_id",
  "product_description",
  "receipt",
  "refund_policy",
  "refund_policy_disclosure",
  "refund_refusal_explanation",
  "service_date",
  "service_documentation",
  "shipping_address",
  "shipping_carrier",
  "shipping_date",
  "shipping_documentation",
  "shipping_tracking_number",
  "uncategorized_file",
  "uncategorized_text",
] as const;

function emptyEvidence(): Stripe.Dispute.Evidence {
  const evidence = Object.fromEntries(EVIDENCE_FIELDS.map((f) => [f, null]));
  return { ...evidence, enhanced_evidence: {} } as Stripe.Dispute.Evidence;
}

/** The dispute a dispute test card (0259, 2685, 1976) gets after it is paid: runs as a scheduled job. */
export function createDisputeForCharge(ctx: OpContext, chargeId: string): Stripe.Dispute | null {
  const { store } = ctx;
  const charge = store.get("charges", ctx.account, chargeId);
  const testCard = charge?.payment_method ? store.state.paymentMethodCards[charge.payment_method] : undefined;
  const behaviour = testCard ? TEST_CARDS[testCard].dispute : null;
  if (!charge || !behaviour || charge.disputed) return null;
  const now = store.clock.now();
  const dispute: Stripe.Dispute = {
    id: newId("dp"),
    object: "dispute",
    amount: charge.amount - charge.amount_refunded,
    balance_transactions: [],
    charge: charge.id,
    created: now,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: {
      due_by: now + 7 * 24 * 3600,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: "not_submitted",
    },
    intended_submission_method: null,
    is_charge_refundable: behaviour.chargeRefundable,
    livemode: false,
    metadata: {},
    network_reason_code: behaviour.reason === "fraudulent" ? "10.4" : "13.1",
    payment_intent: typeof charge.payment_intent === "string" ? charge.payment_intent : null,
    payment_method_details: {
      card: {
        brand: charge.payment_method_details?.card?.brand ?? "visa",
        case_type: behaviour.status === "warning_needs_response" ? "inquiry" : "chargeback",
        network: charge.payment_method_details?.card?.network ?? "visa",
        network_reason_code: behaviour.reason === "fraudulent" ? "10.4" : "13.1",
      },
      type: "card",
    },
    reason: behaviour.reason,
    status: behaviour.status,
  };
  store.insert("disputes", ctx.account, dispute);
  const previous = { disputed: charge.disputed };
  charge.disputed = true;
  store.emit(ctx, "charge.dispute.created", dispute);
  store.emit(ctx, "charge.updated", charge, previous);
  // A chargeback takes the money at once; an inquiry only once it escalates.
  if (behaviour.status === "needs_response") withdrawFunds(ctx, dispute);
  return dispute;
}

export function retrieveDisputeRoute(req: ApiRequest): unknown {
  const reader = new ParamReader(req.params, []);
  const dispute = req.ctx.store.require("disputes", req.ctx.account, req.path.id ?? "", {
    objectName: "dispute",
  });
  return expandObject(req.ctx.store, req.ctx.account, "dispute", dispute, reader.expand());
}

export function listDisputesRoute(req: ApiRequest): unknown {
  const reader = new ParamReader(req.params, [...LIST_PARAMS, "charge", "payment_intent"]);
  const charge = reader.string("charge");
  const paymentIntent = reader.string("payment_intent");
  const created = createdFilter(reader);
  const items = req.ctx.store
    .list("disputes", req.ctx.account)
    .filter((d) => (!charge || d.charge === charge) && (!paymentIntent || d.payment_intent === paymentIntent))
    .filter((d) => created(d.created));
  const list = paginate(items, reader, "/v1/disputes", "dispute");
  return expandList(req.ctx.store, req.ctx.account, "dispute", list, reader.expand());
}
