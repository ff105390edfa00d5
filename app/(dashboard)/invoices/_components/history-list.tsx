import type { AuditEntry } from "@/db/schema";
import { type FormatPreferences, formatDateTime, formatMoney } from "@/lib/format";
import { refundFailureText } from "@/lib/refunds/messages";

const LABELS: Record<string, string> = {
  "invoice.created": "Invoice created",
  "invoice.updated": "Invoice edited",
  // Issuing makes the pay link; emailing it is a separate entry, so history never claims an email that
  // was not sent.
  "invoice.sent": "Invoice issued; pay link created",
  "invoice.emailed": "Invoice emailed",
  "invoice.reminder_emailed": "Reminder emailed",
  "invoice.voided": "Invoice voided",
  "invoice.reminder_sent": "Payment reminder emailed",
  "payment.succeeded": "Payment received",
  "payment.failed": "Payment failed",
  "stripe.connected": "Stripe account connected",
  "stripe.disconnected": "Stripe account disconnected",
  "refund.requested": "Refund requested",
  "refund.created": "Refund made in the Stripe dashboard",
  "refund.pending": "Refund pending",
  "refund.succeeded": "Refund succeeded",
  "refund.failed": "Refund failed",
  "refund.canceled": "Refund canceled",
  "refund.errored": "Refund not made",
  "dispute.created": "Payment disputed",
  "dispute.updated": "Dispute updated",
  "dispute.closed": "Dispute closed",
  "dispute.funds": "Dispute funds moved on your Stripe balance",
  "dispute.evidence_submitted": "Dispute evidence submitted",
  "dispute.evidence_saved": "Dispute evidence saved as a draft",
};

/** The why behind a refund or dispute entry, in words (ids stay in the stored row). */
function detailText(entry: AuditEntry): string | null {
  const details = entry.details ?? {};
  if (
    (entry.action === "invoice.emailed" || entry.action === "invoice.reminder_emailed") &&
    typeof details.to === "string"
  ) {
    return typeof details.cc === "string" ? `to ${details.to}, cc ${details.cc}` : `to ${details.to}`;
  }
  if (entry.action === "refund.failed") return refundFailureText(String(details.failureReason ?? ""));
  if (entry.action === "refund.errored") return refundFailureText(String(details.code ?? ""));
  if (entry.action.startsWith("dispute.")) {
    // A status this API version lacks is shown with Stripe's own word.
    const status =
      details.status === "unknown" && typeof details.stripeStatus === "string"
        ? `unknown (${details.stripeStatus})`
        : details.status;
    const parts = [details.reason, status].filter((v) => typeof v === "string");
    return parts.length > 0 ? parts.map((p) => String(p).replaceAll("_", " ")).join(", ") : null;
  }
  return null;
}

const ACTORS: Record<AuditEntry["actor"], string> = {
  user: "you",
  customer: "customer",
  stripe: "Stripe",
  system: "SixthDesk",
};

export function HistoryList({ entries, format }: { entries: AuditEntry[]; format: FormatPreferences }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">Nothing has happened yet.</p>;
  return (
    <ol className="space-y-3 text-sm" aria-label="Invoice history">
      {entries.map((entry) => (
        <li key={entry.id} className="flex flex-wrap justify-between gap-2 border-b border-slate-100 pb-2">
          <span>
            <span className="font-medium">{LABELS[entry.action] ?? entry.action}</span>
            {entry.amountMinor != null && entry.currency && (
              <span className="text-slate-600">
                {" "}
                · {formatMoney(entry.amountMinor, entry.currency, format)}
              </span>
            )}
            {detailText(entry) && <span className="text-slate-600"> · {detailText(entry)}</span>}
            <span className="text-slate-500"> · by {ACTORS[entry.actor]}</span>
          </span>
          <time dateTime={entry.createdAt.toISOString()} className="text-slate-500">
            {formatDateTime(entry.createdAt, format)}
          </time>
        </li>
      ))}
    </ol>
  );
}
