import type { disputeStatus as disputeStatusEnum } from "@/db/schema/enums";
import { isKnownValue, STRIPE_DISPUTE_STATUSES, type StripeDisputeStatus } from "@/lib/stripe/known-values";

export type DisputeStatus = (typeof disputeStatusEnum.enumValues)[number];

const APPEAL: readonly DisputeStatus[] = ["appeal_needs_response", "appeal_under_review"];

/**
 * Where each status may go, as Stripe runs disputes (docs "Dispute lifecycle"): an inquiry (warning_*)
 * may close or escalate to a chargeback; a chargeback needs a response, goes under review and is won or
 * lost; a lost one may be appealed (appeal_*) and is then won or lost again. Each list holds every later
 * status, not only the next one: Stripe is read fresh, so a read may skip steps. Anything not listed is
 * a stale read applied late and is ignored. "unknown" (a status this API version does not have) may
 * follow any open status and be followed by any known one.
 */
const LATER: Record<DisputeStatus, readonly DisputeStatus[]> = {
  warning_needs_response: [
    "warning_under_review",
    "warning_closed",
    "needs_response",
    "under_review",
    "won",
    "lost",
    "prevented",
    ...APPEAL,
  ],
  warning_under_review: [
    "warning_closed",
    "needs_response",
    "under_review",
    "won",
    "lost",
    "prevented",
    ...APPEAL,
  ],
  warning_closed: ["needs_response", "under_review", "won", "lost", ...APPEAL],
  needs_response: ["under_review", "won", "lost", "prevented", ...APPEAL],
  under_review: ["won", "lost", ...APPEAL],
  lost: APPEAL,
  appeal_needs_response: ["appeal_under_review", "won", "lost"],
  appeal_under_review: ["won", "lost"],
  won: [],
  prevented: [],
  unknown: STRIPE_DISPUTE_STATUSES,
};

const CLOSED: ReadonlySet<DisputeStatus> = new Set(["warning_closed", "won", "lost", "prevented"]);
const AWAITING_RESPONSE: ReadonlySet<DisputeStatus> = new Set([
  "warning_needs_response",
  "needs_response",
  "appeal_needs_response",
]);

export function isDisputeClosed(status: DisputeStatus): boolean {
  return CLOSED.has(status);
}

/** Stripe is waiting for the seller's evidence (and `evidence_details.due_by` is the deadline). */
export function isAwaitingEvidence(status: DisputeStatus): boolean {
  return AWAITING_RESPONSE.has(status);
}

/** Forward only, so an older read applied late cannot reopen a closed dispute. */
export function canDisputeMoveTo(from: DisputeStatus, to: DisputeStatus): boolean {
  if (from === to) return false;
  if (to === "unknown") return !isDisputeClosed(from) || from === "lost";
  return LATER[from].includes(to);
}

/** Our status for Stripe's: a value this API version does not have is "unknown", never an error. */
export function disputeStatusFromStripe(status: string | null | undefined): {
  status: DisputeStatus;
  unknown: string | null;
} {
  if (isKnownValue<StripeDisputeStatus>(STRIPE_DISPUTE_STATUSES, status)) return { status, unknown: null };
  return { status: "unknown", unknown: String(status) };
}
