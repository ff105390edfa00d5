import { Badge } from "@/components/ui/badge";
import type { Dispute, EmailStatus, Payment, Refund } from "@/db/schema";
import type { DisplayStatus } from "@/lib/invoices/status";
import {
  disputeStatusLabel,
  emailStatusLabel,
  invoiceStatusLabel,
  type PaymentRefunded,
  paymentStatusLabel,
  refundStatusLabel,
  type StatusLabel,
} from "./status-labels";

function LabelBadge({ label, tone }: StatusLabel) {
  return <Badge tone={tone}>{label}</Badge>;
}

/** Red while the dispute is open, grey once it is closed. */
export function DisputedBadge({ status }: { status?: Dispute["status"] }) {
  return <Badge tone={status ? disputeStatusLabel(status).tone : "danger"}>Disputed</Badge>;
}

/** The invoice's display status; `disputed` adds a red flag beside it (a flag on top of the status). */
export function InvoiceStatusBadge({
  status,
  disputed = false,
}: {
  status: DisplayStatus;
  disputed?: boolean;
}) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <LabelBadge {...invoiceStatusLabel(status)} />
      {disputed && <DisputedBadge />}
    </span>
  );
}

/**
 * `raw` is Stripe's word when the status is "unknown" (shown as "unknown (value)"); `refunded` (the
 * payment's amount and its succeeded refunds) turns a succeeded payment into Refunded / Partially refunded.
 */
export function PaymentStatusBadge({
  status,
  raw,
  refunded,
}: {
  status: Payment["status"];
  raw?: string | null;
  refunded?: PaymentRefunded;
}) {
  return <LabelBadge {...paymentStatusLabel(status, raw, refunded)} />;
}

export function RefundStatusBadge({ status, raw }: { status: Refund["status"]; raw?: string | null }) {
  return <LabelBadge {...refundStatusLabel(status, raw)} />;
}

export function EmailStatusBadge({ status, delivering }: { status: EmailStatus; delivering: boolean }) {
  return <LabelBadge {...emailStatusLabel(status, { delivering })} />;
}
