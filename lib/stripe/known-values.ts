import type Stripe from "stripe";
import type { disputeStatus } from "@/db/schema/enums";

// The enums the app reads from Stripe, taken from the SDK's own type unions for the pinned API version.
// The SDK writes each union as `'a' | 'b' | OtherString` (a value Stripe may add later); `KnownValues`
// keeps the literals. Every list below is a `Record<value, true>`, so when an SDK upgrade adds a value
// the object literal misses a key and `tsc` fails here until the app decides what the value means; at
// run time a value outside these lists is recorded as "unknown" with Stripe's word beside it
// (tests/types/exhaustiveness.test.ts proves the check fails when a value is added).

/** The literal members of an SDK union, without the open `string & {}` it adds. */
export type KnownValues<T> = T extends string ? (string extends T ? never : T) : never;

/** `true` when A and B have exactly the same members, else an error type naming what differs. */
export type SameMembers<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never]
  ? true
  : { onlyInFirst: Exclude<A, B>; onlyInSecond: Exclude<B, A> };

export type StripeDisputeStatus = KnownValues<Stripe.Dispute.Status>;
export type StripePaymentIntentStatus = KnownValues<Stripe.PaymentIntent.Status>;
export type StripeChargeStatus = KnownValues<Stripe.Charge.Status>;
export type StripeCapabilityStatus = KnownValues<Stripe.Account.Capabilities.CardPayments>;
/** Closed in this SDK version (no open member), checked all the same. */
export type StripeDisabledReason = KnownValues<Stripe.Account.Requirements.DisabledReason>;
/**
 * The SDK types a refund's status as `string | null` (no union to check against), so the list is Stripe's
 * documented one (API reference, "The Refund object": pending, requires_action, succeeded, failed,
 * canceled); anything else, null included, is "unknown".
 */
export type StripeRefundStatus = "pending" | "requires_action" | "succeeded" | "failed" | "canceled";

function valuesOf<K extends string>(record: Record<K, true>): readonly K[] {
  return Object.keys(record) as K[];
}

export const STRIPE_DISPUTE_STATUSES = valuesOf<StripeDisputeStatus>({
  warning_needs_response: true,
  warning_under_review: true,
  warning_closed: true,
  needs_response: true,
  under_review: true,
  won: true,
  lost: true,
  prevented: true,
  appeal_needs_response: true,
  appeal_under_review: true,
});

export const STRIPE_PAYMENT_INTENT_STATUSES = valuesOf<StripePaymentIntentStatus>({
  requires_payment_method: true,
  requires_confirmation: true,
  requires_action: true,
  processing: true,
  requires_capture: true,
  canceled: true,
  succeeded: true,
});

export const STRIPE_CHARGE_STATUSES = valuesOf<StripeChargeStatus>({
  pending: true,
  succeeded: true,
  failed: true,
});

export const STRIPE_CAPABILITY_STATUSES = valuesOf<StripeCapabilityStatus>({
  active: true,
  inactive: true,
  pending: true,
});

export const STRIPE_DISABLED_REASONS = valuesOf<StripeDisabledReason>({
  "action_required.requested_capabilities": true,
  listed: true,
  other: true,
  platform_paused: true,
  "rejected.fraud": true,
  "rejected.incomplete_verification": true,
  "rejected.listed": true,
  "rejected.other": true,
  "rejected.platform_fraud": true,
  "rejected.platform_other": true,
  "rejected.platform_terms_of_service": true,
  "rejected.terms_of_service": true,
  "requirements.past_due": true,
  "requirements.pending_verification": true,
  under_review: true,
});

export const STRIPE_REFUND_STATUSES = valuesOf<StripeRefundStatus>({
  pending: true,
  requires_action: true,
  succeeded: true,
  failed: true,
  canceled: true,
});

/** Whether `value` is one of `known` (narrowing it), for the run-time side of the check. */
export function isKnownValue<K extends string>(
  known: readonly K[],
  value: string | null | undefined,
): value is K {
  return typeof value === "string" && (known as readonly string[]).includes(value);
}

/** The stored dispute statuses are Stripe's, one for one, plus "unknown". */
export type DisputeStatusesMatch<SdkUnion> = SameMembers<
  KnownValues<SdkUnion>,
  Exclude<(typeof disputeStatus.enumValues)[number], "unknown">
>;
export const disputeStatusesMatch: DisputeStatusesMatch<Stripe.Dispute.Status> = true;

/** Every PaymentIntent status is mapped to a stored one (lib/payments/status.ts switches over these). */
export type PaymentIntentStatusesKnown<SdkUnion> = SameMembers<
  KnownValues<SdkUnion>,
  (typeof STRIPE_PAYMENT_INTENT_STATUSES)[number]
>;
export const paymentIntentStatusesKnown: PaymentIntentStatusesKnown<Stripe.PaymentIntent.Status> = true;

/** Every account disabled reason is listed (lib/stripe/requirements.ts words each one). */
export type DisabledReasonsKnown<SdkUnion> = SameMembers<
  KnownValues<SdkUnion>,
  (typeof STRIPE_DISABLED_REASONS)[number]
>;
export const disabledReasonsKnown: DisabledReasonsKnown<Stripe.Account.Requirements.DisabledReason> = true;
