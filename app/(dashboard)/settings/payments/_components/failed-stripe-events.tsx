import { Alert } from "@/components/ui/alert";
import { getDb } from "@/db";
import { listFailedEventsForUser } from "@/db/queries/stripe-events-failed";
import type { User } from "@/db/schema";
import { formatPreferencesFor } from "@/lib/business/preferences";
import { formatDateTime } from "@/lib/format";
import { FailedStripeEventRetry } from "./failed-stripe-event-retry";

/**
 * Stripe events about this seller's account that SixthDesk gave up applying (retried for three days),
 * with the last error (redacted when stored), each retryable. Nothing is shown when there are none.
 */
export async function FailedStripeEvents({ user }: { user: User }) {
  const rows = await listFailedEventsForUser(getDb(), { userId: user.id, limit: 50 });
  if (rows.length === 0) return null;
  const format = await formatPreferencesFor(user.id);
  return (
    <section aria-labelledby="failed-events-heading" className="space-y-3">
      <h2 id="failed-events-heading" className="text-lg font-semibold">
        Stripe events not applied
      </h2>
      <Alert tone="danger">
        SixthDesk could not apply these updates from Stripe after retrying them for three days. Your invoices
        may not show the latest payment, refund or dispute until they apply. Reconciliation with Stripe
        remains the safety net: it repairs payments, refunds and disputes an event missed. Retry once the
        cause is fixed (often a disconnected or restricted Stripe account).
      </Alert>
      <ul className="space-y-3 text-sm" aria-label="Stripe events not applied">
        {rows.map((row) => (
          <li key={row.id} className="flex justify-between gap-4 border-b border-slate-100 pb-2">
            <span>
              <span className="font-medium">{row.type}</span> <span className="text-slate-600">{row.id}</span>
              <span className="block text-slate-600">
                Gave up {formatDateTime(row.failedAt, format)} after {row.attempts} attempts ·{" "}
                {row.lastError ?? "no error recorded"}
              </span>
            </span>
            <FailedStripeEventRetry eventId={row.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}
