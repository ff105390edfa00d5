import { formatMoney } from "@/lib/money";
import type { RefundStatus } from "./status";

// Plain words for refund outcomes, shared by the refund form, the payment page and the history.

const FAILURE_REASONS: Record<string, string> = {
  lost_or_stolen_card: "the card was reported lost or stolen",
  expired_or_canceled_card: "the card has expired or was canceled",
  charge_for_pending_refund_disputed: "the payment was disputed while the refund was pending",
  insufficient_funds: "there were not enough funds in your Stripe balance",
  declined: "the card issuer declined it",
  merchant_request: "it was canceled at your request",
  unknown: "Stripe gave no reason",
  // Our codes for requests Stripe refused outright (the refund was never made).
  charge_already_refunded: "Stripe says the payment was already refunded in full",
  amount_too_large: "Stripe says that is more than is left to refund",
  charge_disputed: "the payment is disputed",
  account_revoked: "your Stripe account is no longer connected",
  not_sent: "the request never reached Stripe",
};

/** Stripe's `failure_reason` (or our own error code for a request Stripe refused) in words. */
export function refundFailureText(reason: string | null | undefined): string {
  if (!reason) return "Stripe gave no reason";
  return FAILURE_REASONS[reason] ?? reason;
}

export const REFUND_STATUS_LABELS: Record<RefundStatus, string> = {
  creating: "Awaiting Stripe",
  pending: "Pending",
  requires_action: "Needs action",
  succeeded: "Refunded",
  failed: "Failed",
  canceled: "Canceled",
  errored: "Not made",
  unknown: "Unknown",
};

export const REFUND_REASON_LABELS = {
  requested_by_customer: "Requested by customer",
  duplicate: "Duplicate",
  fraudulent: "Fraudulent",
} as const;

/** Who started a refund: the User's form, the Stripe dashboard, or the invoice's overpayment button. */
export const REFUND_ORIGIN_LABELS = {
  app: "SixthDesk",
  stripe: "Stripe dashboard",
  overpayment: "Overpayment refund",
} as const;

/** What the User is told right after asking for a refund. */
export function refundOutcomeMessage(params: {
  status: RefundStatus;
  amountMinor: number;
  currency: string;
  failureReason: string | null;
}): string {
  const amount = formatMoney(params.amountMinor, params.currency);
  switch (params.status) {
    case "succeeded":
      return `Refunded ${amount}.`;
    case "pending":
    case "creating":
      return `The refund of ${amount} is pending: it waits for funds in your Stripe balance.`;
    case "requires_action":
      return `The refund of ${amount} needs action in your Stripe dashboard before it can complete.`;
    case "failed":
      return `The refund of ${amount} failed: ${refundFailureText(params.failureReason)}.`;
    case "canceled":
      return `The refund of ${amount} was canceled.`;
    case "errored":
      return `The refund of ${amount} was not made.`;
    case "unknown":
      return `Stripe reports the refund of ${amount} in a state SixthDesk does not know; its amount stays set aside until Stripe settles it.`;
    default: {
      const never: never = params.status;
      throw new Error(`unexpected refund status ${String(never)}`);
    }
  }
}
