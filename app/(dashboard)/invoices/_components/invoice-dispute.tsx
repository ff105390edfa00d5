import Link from "next/link";
import { DisputeFunds, DisputeSummary } from "@/app/(dashboard)/payments/_components/dispute-summary";
import type { Dispute } from "@/db/schema";
import { isAwaitingEvidence } from "@/lib/disputes/status";
import type { FormatPreferences } from "@/lib/format";

/** A dispute under the invoice's payments: the summary, the money it moved, and where to answer it. */
export function InvoiceDispute({ dispute, format }: { dispute: Dispute; format: FormatPreferences }) {
  return (
    <div className="space-y-1" data-testid="invoice-dispute">
      <DisputeSummary dispute={dispute} format={format} />
      <DisputeFunds dispute={dispute} format={format} />
      {isAwaitingEvidence(dispute.status) && (
        <Link
          href={`/payments/${dispute.paymentId}`}
          className="text-sm font-medium text-indigo-700 hover:underline"
        >
          Respond to the dispute
        </Link>
      )}
    </div>
  );
}
