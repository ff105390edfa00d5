import type { StripeRequirements, User } from "@/db/schema";
import { paymentsAccount } from "./connection";
import { isKnownValue, STRIPE_DISABLED_REASONS, type StripeDisabledReason } from "./known-values";

// Stripe's requirement ids and disabled reasons in words a seller understands (docs "Handle
// verification updates"); anything unknown is shown as Stripe names it.

const FIELD_LABELS: [prefix: string, label: string][] = [
  ["external_account", "A bank account for payouts"],
  ["tos_acceptance", "Acceptance of Stripe's terms of service"],
  ["business_profile.url", "Your business website"],
  ["business_profile.mcc", "What your business sells"],
  ["business_profile.product_description", "What your business sells"],
  ["business_type", "Your type of business"],
  ["individual.verification.document", "An identity document"],
  ["individual.verification.additional_document", "A proof-of-address document"],
  ["representative.verification.document", "An identity document of the account representative"],
  ["representative", "Details of the account representative"],
  ["individual", "Your personal details"],
  ["company.tax_id", "Your company's tax ID"],
  ["company", "Your company's details"],
  ["owners", "Details of the business owners"],
  ["directors", "Details of the directors"],
];

/** One line per thing Stripe needs (several ids can read the same, e.g. the parts of the ToS). */
export function requirementLabels(fields: string[]): string[] {
  const labels = fields.map((field) => {
    const match = FIELD_LABELS.find(([prefix]) => field === prefix || field.startsWith(`${prefix}.`));
    return match ? match[1] : field;
  });
  return [...new Set(labels)];
}

/**
 * Stripe's reason for disabling payments in words. Every reason of the pinned API version is worded
 * (a switch the typecheck holds to the SDK's union, lib/stripe/known-values.ts); one Stripe adds later
 * gets the general sentence, never an error.
 */
export function disabledReasonText(reason: string | null): string | null {
  if (!reason) return null;
  if (!isKnownValue<StripeDisabledReason>(STRIPE_DISABLED_REASONS, reason)) {
    return "Stripe has disabled payments on this account.";
  }
  switch (reason) {
    case "requirements.past_due":
      return "Stripe needs information that is past due.";
    case "requirements.pending_verification":
      return "Stripe is verifying the information you gave.";
    case "under_review":
    case "listed":
      return "Stripe is reviewing this account.";
    case "rejected.fraud":
    case "rejected.incomplete_verification":
    case "rejected.listed":
    case "rejected.other":
    case "rejected.platform_fraud":
    case "rejected.platform_other":
    case "rejected.platform_terms_of_service":
    case "rejected.terms_of_service":
      return "Stripe has rejected this account, so it cannot take payments.";
    case "platform_paused":
      return "Payments on this account are paused.";
    case "action_required.requested_capabilities":
      return "Stripe needs you to act in your Stripe Dashboard.";
    case "other":
      return "Stripe has disabled payments on this account.";
    default: {
      const never: never = reason;
      return String(never);
    }
  }
}

export type AccountStanding =
  /** Taking payments with nothing due. */
  | "ready"
  /** Taking payments, but Stripe needs something by a deadline. */
  | "due_soon"
  /** Onboarding submitted; Stripe is verifying (capabilities pending). */
  | "verifying"
  /** Cannot take payments until the seller provides what is due (or past due). */
  | "action_needed"
  /** Stripe rejected the account. */
  | "rejected";

/** Where the account stands, from what we last read from Stripe. */
export function accountStanding(
  user: Pick<
    User,
    | "stripeAccountId"
    | "stripeConnectionStatus"
    | "stripeChargesEnabled"
    | "stripeCardPayments"
    | "stripeRequirements"
  >,
): AccountStanding {
  const r: StripeRequirements | null = user.stripeRequirements;
  if (r?.disabledReason?.startsWith("rejected.")) return "rejected";
  if (paymentsAccount(user)) return r && r.currentlyDue.length + r.pastDue.length > 0 ? "due_soon" : "ready";
  const nothingDue = !r || r.currentlyDue.length + r.pastDue.length === 0;
  if (user.stripeCardPayments === "pending" || (nothingDue && (r?.pendingVerification.length ?? 0) > 0)) {
    return "verifying";
  }
  return "action_needed";
}
