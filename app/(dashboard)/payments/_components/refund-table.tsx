import { RefundStatusBadge } from "@/components/status/status-badge";
import { Table, TBody, Td, THead, Th, Tr } from "@/components/ui/table";
import type { Refund } from "@/db/schema";
import { type FormatPreferences, formatDateTime, formatMoney } from "@/lib/format";
import { REFUND_ORIGIN_LABELS, REFUND_REASON_LABELS, refundFailureText } from "@/lib/refunds/messages";
import { RetryRefundButton } from "./retry-refund-button";

function statusNote(refund: Refund): string | null {
  switch (refund.status) {
    case "pending":
      return "Waits for funds in your Stripe balance.";
    case "requires_action":
      return "Needs action in your Stripe dashboard.";
    case "failed":
    case "errored":
      return refundFailureText(refund.failureReason);
    case "creating":
      return "Stripe has not confirmed it yet.";
    default:
      return null;
  }
}

/** Refunds of a payment (or an invoice), newest first, with Retry for those Stripe never answered. */
export function RefundTable({
  refunds,
  retry = true,
  format,
}: {
  refunds: Refund[];
  retry?: boolean;
  format: FormatPreferences;
}) {
  if (refunds.length === 0) return <p className="text-sm text-slate-600">No refunds.</p>;
  return (
    <Table aria-label="Refunds">
      <THead>
        <Tr>
          <Th>Date</Th>
          <Th>Status</Th>
          <Th>Reason</Th>
          <Th>Made in</Th>
          <Th numeric>Amount</Th>
        </Tr>
      </THead>
      <TBody>
        {refunds.map((refund) => {
          const note = statusNote(refund);
          return (
            <Tr key={refund.id} data-testid="refund-row">
              <Td className="whitespace-nowrap">{formatDateTime(refund.createdAt, format)}</Td>
              <Td label="Status">
                <span className="flex flex-wrap items-center gap-2 max-sm:justify-end">
                  <RefundStatusBadge status={refund.status} raw={refund.unknownStripeStatus} />
                  {note && <span className="text-xs text-slate-500">{note}</span>}
                  {retry && refund.status === "creating" && <RetryRefundButton refundId={refund.id} />}
                  {refund.status === "succeeded" && (
                    <a
                      href={`/refunds/${refund.id}/credit-note`}
                      download
                      className="text-xs font-medium text-indigo-700 underline"
                      data-testid="download-credit-note-pdf"
                    >
                      Credit note (PDF)
                    </a>
                  )}
                </span>
              </Td>
              <Td label="Reason">{refund.reason ? REFUND_REASON_LABELS[refund.reason] : "—"}</Td>
              <Td label="Made in">{REFUND_ORIGIN_LABELS[refund.origin]}</Td>
              <Td label="Amount" numeric>
                {formatMoney(refund.amountMinor, refund.currency, format)}
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
