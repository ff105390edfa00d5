import { Badge } from "@/components/ui/badge";
import type { Dispute, EmailStatus, Payment, Refund } from "@/db/schema";
import type { DisplayStatus } from "@/lib/invoices/status";
import {
  disputeStatusLabel,
  emailStatusLabel,
  invoiceStatusLabel,
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

export function PaymentStatusBadge({ status }: { status: Payment["status"] }) {
  return <LabelBadge {...paymentStatusLabel(status)} />;
}

export function RefundStatusBadge({ status }: { status: Refund["status"] }) {
  return <LabelBadge {...refundStatusLabel(status)} />;
}

export function EmailStatusBadge({ status, delivering }: { status: EmailStatus; delivering: boolean }) {
  return <LabelBadge {...emailStatusLabel(status, { delivering })} />;
}
