import { Badge } from "@/components/ui/badge";
import type { Dispute } from "@/db/schema";
import { isDisputeClosed } from "@/lib/disputes/status";
import { formatMoney } from "@/lib/money";

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

const STATUS_TEXT: Record<Dispute["status"], string> = {
  warning_needs_response: "inquiry: needs your response",
  warning_under_review: "inquiry: under review",
  warning_closed: "inquiry closed",
  needs_response: "needs your response",
  under_review: "under review",
  won: "won",
  lost: "lost",
  prevented: "prevented",
};

/** A dispute in one line: amount, reason, status and, while it is open, when evidence is due. */
export function DisputeSummary({ dispute }: { dispute: Dispute }) {
  const open = !isDisputeClosed(dispute.status);
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="dispute-summary">
      <Badge tone={open ? "danger" : "neutral"}>Disputed</Badge>
      <span>
        {formatMoney(dispute.amountMinor, dispute.currency)} · reason: {dispute.reason.replaceAll("_", " ")} ·{" "}
        {STATUS_TEXT[dispute.status]}
        {open && dispute.evidenceDueBy && <> · evidence due {day.format(dispute.evidenceDueBy)}</>}
      </span>
    </p>
  );
}
