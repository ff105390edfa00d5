import { DisputedBadge } from "@/components/status/status-badge";
import { disputeStatusLabel } from "@/components/status/status-labels";
import type { Dispute } from "@/db/schema";
import { isDisputeClosed } from "@/lib/disputes/status";
import { type FormatPreferences, formatDate, formatMoney } from "@/lib/format";

/**
 * What the dispute did to the seller's Stripe balance: the disputed amount and the fee withdrawn, and
 * what came back (Stripe's balance transactions for it). Nothing is shown before Stripe moves money.
 */
export function DisputeFunds({ dispute, format }: { dispute: Dispute; format: FormatPreferences }) {
  if (dispute.fundsWithdrawnMinor === 0 && dispute.fundsReinstatedMinor === 0) return null;
  const currency = dispute.fundsCurrency ?? dispute.currency;
  const net = dispute.fundsWithdrawnMinor - dispute.fundsReinstatedMinor;
  return (
    <p className="text-sm text-slate-700" data-testid="dispute-funds">
      Withdrawn from your Stripe balance: {formatMoney(dispute.fundsWithdrawnMinor, currency, format)} (amount
      and dispute fee)
      {dispute.fundsReinstatedMinor > 0 && (
        <>
          {" "}
          · reinstated: {formatMoney(dispute.fundsReinstatedMinor, currency, format)} · net cost:{" "}
          {formatMoney(net, currency, format)}
        </>
      )}
    </p>
  );
}

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
