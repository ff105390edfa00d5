import { DisputedBadge } from "@/components/status/status-badge";
import { disputeStatusLabel } from "@/components/status/status-labels";
import type { Dispute } from "@/db/schema";
import { isDisputeClosed } from "@/lib/disputes/status";
import { formatMoney } from "@/lib/money";

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** A dispute in one line: amount, reason, status and, while it is open, when evidence is due. */
export function DisputeSummary({ dispute }: { dispute: Dispute }) {
  const open = !isDisputeClosed(dispute.status);
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="dispute-summary">
      <DisputedBadge status={dispute.status} />
      <span>
        {formatMoney(dispute.amountMinor, dispute.currency)} · reason: {dispute.reason.replaceAll("_", " ")} ·{" "}
        {disputeStatusLabel(dispute.status).label}
        {open && dispute.evidenceDueBy && <> · evidence due {day.format(dispute.evidenceDueBy)}</>}
      </span>
    </p>
  );
}
