import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Dispute } from "@/db/schema";
import { isAwaitingEvidence } from "@/lib/disputes/status";
import { type FormatPreferences, formatDateTime, formatMoney } from "@/lib/format";
import { DisputeEvidence } from "./dispute-evidence-form";
import { DisputeFunds, DisputeSummary } from "./dispute-summary";

/**
 * A dispute on the payment page: what is disputed, what Stripe took from the balance and gave back, and
 * while the issuer waits for an answer, what is due by when and the form to answer it.
 */
export function DisputePanel({
  dispute,
  format,
  now,
}: {
  dispute: Dispute;
  format: FormatPreferences;
  now: Date;
}) {
  const awaiting = isAwaitingEvidence(dispute.status);
  const due = dispute.evidenceDueBy;
  const late = due !== null && due.getTime() < now.getTime();
  return (
    <Card data-testid="dispute-panel">
      <CardHeader>
        <CardTitle>Dispute</CardTitle>
        <CardDescription>
          <DisputeSummary dispute={dispute} format={format} />
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <DisputeFunds dispute={dispute} format={format} />
        {dispute.evidenceSubmittedAt && (
          <p className="text-sm text-slate-700">
            You submitted evidence on {formatDateTime(dispute.evidenceSubmittedAt, format)}.
          </p>
        )}
        {awaiting && (
          <p className="text-sm text-slate-700" data-testid="dispute-due">
            {due ? (
              <>
                Evidence is due by <strong>{formatDateTime(due, format)}</strong>
                {late ? " — the deadline has passed; Stripe may still pass late evidence on." : "."}
              </>
            ) : (
              "Stripe gives no deadline for this dispute."
            )}{" "}
            Without an answer the card issuer decides for the customer and you lose{" "}
            {formatMoney(dispute.amountMinor, dispute.currency, format)}.
          </p>
        )}
        <DisputeEvidence disputeId={dispute.id} awaiting={awaiting} />
      </CardContent>
    </Card>
  );
}
