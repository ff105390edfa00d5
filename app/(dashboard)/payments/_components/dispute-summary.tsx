import { DisputedBadge } from "@/components/status/status-badge";
import { disputeStatusLabel } from "@/components/status/status-labels";
import type { Dispute } from "@/db/schema";
import { isDisputeClosed } from "@/lib/disputes/status";
import { type FormatPreferences, formatDate, formatMoney } from "@/lib/format";

/** A dispute in one line: amount, reason, status and, while it is open, when evidence is due. */
export function DisputeSummary({ dispute, format }: { dispute: Dispute; format: FormatPreferences }) {
  const open = !isDisputeClosed(dispute.status);
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="dispute-summary">
      <DisputedBadge status={dispute.status} />
      <span>
        {formatMoney(dispute.amountMinor, dispute.currency, format)} · reason:{" "}
        {dispute.reason.replaceAll("_", " ")} ·{" "}
        {disputeStatusLabel(dispute.status, dispute.unknownStripeStatus).label}
        {open && dispute.evidenceDueBy && <> · evidence due {formatDate(dispute.evidenceDueBy, format)}</>}
      </span>
    </p>
  );
}
