// Every status the app shows, mapped to the words and the badge colour people see. Each mapping is an
// exhaustive switch: a new value in a status enum fails the typecheck here until it is given a label.
import type { BadgeTone } from "@/components/ui/badge";
import type { Dispute, EmailStatus, Payment, Refund } from "@/db/schema";
import { isDisputeClosed } from "@/lib/disputes/status";
import { DISPLAY_STATUS_LABELS, type DisplayStatus } from "@/lib/invoices/status";
import { REFUND_STATUS_LABELS } from "@/lib/refunds/messages";

export type StatusLabel = { label: string; tone: BadgeTone };

function unknownStatus(status: never): never {
  throw new Error(`No label for status ${String(status)}`);
}

/** A status Stripe sent that this API version does not have, shown with Stripe's own word. */
function unknownFromStripe(raw: string | null | undefined): StatusLabel {
  return { label: `unknown (${raw ?? "no status"})`, tone: "warning" };
}

/** The invoice's display status (refunds counted); a dispute is a separate flag beside it. */
export function invoiceStatusLabel(status: DisplayStatus): StatusLabel {
  const label = DISPLAY_STATUS_LABELS[status];
  switch (status) {
    case "draft":
    case "refunded":
    case "void":
      return { label, tone: "neutral" };
    case "open":
      return { label, tone: "info" };
    case "partially_paid":
    case "partially_refunded":
      return { label, tone: "warning" };
    case "paid":
      return { label, tone: "success" };
    case "overdue":
      return { label, tone: "danger" };
    default:
      return unknownStatus(status);
  }
}

/** How much of a payment went back: a succeeded payment refunded in part or in full says so. */
export type PaymentRefunded = { amountMinor: number; refundedMinor: number };

export function paymentStatusLabel(
  status: Payment["status"],
  raw?: string | null,
  refunded?: PaymentRefunded,
): StatusLabel {
  if (status === "succeeded" && refunded && refunded.refundedMinor > 0) {
    return refunded.refundedMinor >= refunded.amountMinor
      ? { label: "Refunded", tone: "neutral" }
      : { label: "Partially refunded", tone: "warning" };
  }
  switch (status) {
    case "requires_payment_method":
      return { label: "Awaiting card", tone: "neutral" };
    case "requires_confirmation":
      return { label: "Awaiting confirmation", tone: "neutral" };
    case "requires_action":
      return { label: "Awaiting authentication", tone: "info" };
    case "processing":
      return { label: "Processing", tone: "info" };
    case "succeeded":
      return { label: "Succeeded", tone: "success" };
    case "failed":
      return { label: "Failed", tone: "danger" };
    case "canceled":
      return { label: "Canceled", tone: "neutral" };
    case "unknown":
      return unknownFromStripe(raw);
    default:
      return unknownStatus(status);
  }
}

export function refundStatusLabel(status: Refund["status"], raw?: string | null): StatusLabel {
  const label = REFUND_STATUS_LABELS[status];
  switch (status) {
    case "creating":
      return { label, tone: "info" };
    case "pending":
    case "requires_action":
      return { label, tone: "warning" };
    case "succeeded":
      return { label, tone: "success" };
    case "failed":
      return { label, tone: "danger" };
    case "canceled":
    case "errored":
      return { label, tone: "neutral" };
    case "unknown":
      return unknownFromStripe(raw);
    default:
      return unknownStatus(status);
  }
}

/** A dispute's status in words; red while it is open, grey once closed whatever the outcome. */
export function disputeStatusLabel(status: Dispute["status"], raw?: string | null): StatusLabel {
  const tone: BadgeTone = isDisputeClosed(status) ? "neutral" : "danger";
  switch (status) {
    case "warning_needs_response":
      return { label: "inquiry: needs your response", tone };
    case "warning_under_review":
      return { label: "inquiry: under review", tone };
    case "warning_closed":
      return { label: "inquiry closed", tone };
    case "needs_response":
      return { label: "needs your response", tone };
    case "under_review":
      return { label: "under review", tone };
    case "won":
    case "lost":
    case "prevented":
      return { label: status, tone };
    case "appeal_needs_response":
      return { label: "appeal: needs your response", tone };
    case "appeal_under_review":
      return { label: "appeal: under review", tone };
    case "unknown":
      return unknownFromStripe(raw);
    default:
      return unknownStatus(status);
  }
}

/** An outbox email; without SMTP a pending email is not waiting for anything, it is kept. */
export function emailStatusLabel(status: EmailStatus, { delivering }: { delivering: boolean }): StatusLabel {
  switch (status) {
    case "pending":
      return delivering ? { label: "Queued", tone: "info" } : { label: "Kept (not sent)", tone: "neutral" };
    case "sending":
      return { label: "Sending", tone: "info" };
    case "sent":
      return { label: "Sent", tone: "success" };
    case "failed":
      return { label: "Failed", tone: "danger" };
    default:
      return unknownStatus(status);
  }
}
