"use client";

import { RetryActionButton } from "@/components/retry-action-button";
import { Alert } from "@/components/ui/alert";
import { retryFailedEmailAction } from "../actions";

export type FailedEmailRow = {
  id: string;
  subject: string;
  toAddress: string;
  attempts: number;
  lastError: string | null;
  when: string;
};

function RetryButton({ emailId }: { emailId: string }) {
  return <RetryActionButton action={retryFailedEmailAction} input={{ emailId }} />;
}

/** Emails given up on (a refusal, or retries exhausted), with the last error, each retryable. */
export function FailedEmails({ rows }: { rows: FailedEmailRow[] }) {
  return (
    <section aria-labelledby="failed-heading" className="space-y-3">
      <h2 id="failed-heading" className="text-lg font-semibold">
        Emails not delivered
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">Every email was delivered or is on its way.</p>
      ) : (
        <>
          <Alert tone="danger">
            These emails were not delivered after {rows[0]?.attempts ?? 0} attempts or were refused. Fix the
            cause (often the customer's address), then retry.
          </Alert>
          <ul className="space-y-3 text-sm" aria-label="Emails not delivered">
            {rows.map((row) => (
              <li key={row.id} className="flex justify-between gap-4 border-b border-slate-100 pb-2">
                <span>
                  <span className="font-medium">{row.subject}</span> to {row.toAddress}
                  <span className="block text-slate-600">
                    {row.when} · {row.lastError ?? "no error recorded"}
                  </span>
                </span>
                <RetryButton emailId={row.id} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
