import Link from "next/link";
import { EmailStatusBadge } from "@/components/status/status-badge";
import { Table, TBody, Td, THead, Th, Tr } from "@/components/ui/table";
import type { InvoiceEmailRow } from "@/db/queries/email-outbox";
import type { EmailKind } from "@/db/schema";
import { type FormatPreferences, formatDateTime } from "@/lib/format";

export const EMAIL_KIND_LABELS: Record<EmailKind, string> = {
  invoice: "Invoice",
  invoice_reminder: "Reminder",
  payment_receipt: "Payment receipt",
  payment_received: "Payment notice to you",
  refund_succeeded: "Refund notice",
  refund_failed: "Refund failure notice to you",
  payment_overpaid: "Overpayment notice to you",
  account_verification: "Email confirmation",
  password_reset: "Password reset",
  password_changed: "Password change notice",
  email_changed: "Email change notice",
};

type Props = {
  emails: InvoiceEmailRow[];
  delivering: boolean;
  mailboxHref: string | null;
  format: FormatPreferences;
};

/** The invoice's outbox rows: what was emailed, to whom, and whether it went (a failure says why). */
export function EmailList({ emails, delivering, mailboxHref, format }: Props) {
  return (
    <div className="space-y-3">
      {!delivering && (
        <p className="text-sm text-slate-600">
          No SMTP server is configured, so emails are kept here instead of being sent
          {mailboxHref ? (
            <>
              {" "}
              — read them in the{" "}
              <Link href={mailboxHref} className="font-medium text-indigo-700 hover:underline">
                development mailbox
              </Link>
            </>
          ) : null}
          .
        </p>
      )}
      {emails.length === 0 ? (
        <p className="text-sm text-slate-600">No emails yet.</p>
      ) : (
        <Table caption="Emails about this invoice">
          <THead>
            <Tr>
              <Th>Email</Th>
              <Th>To</Th>
              <Th>Status</Th>
              <Th>When</Th>
            </Tr>
          </THead>
          <TBody>
            {emails.map((email) => {
              return (
                <Tr key={email.id} data-testid="email-row">
                  <Td>
                    <span className="font-medium text-slate-900">{EMAIL_KIND_LABELS[email.kind]}</span>
                    <span className="block text-xs text-slate-500">{email.subject}</span>
                  </Td>
                  <Td label="To" className="break-words">
                    {email.toAddress}
                  </Td>
                  <Td label="Status">
                    <EmailStatusBadge status={email.status} delivering={delivering} />
                    {email.status === "failed" && email.lastError && (
                      <span className="mt-1 block text-xs text-red-700">
                        Could not be delivered after {email.attempts} attempt{email.attempts === 1 ? "" : "s"}
                        : {email.lastError}
                      </span>
                    )}
                    {email.status === "pending" && email.attempts > 0 && (
                      <span className="mt-1 block text-xs text-slate-500">
                        Attempt {email.attempts} failed; retrying.
                      </span>
                    )}
                  </Td>
                  <Td label="When" className="whitespace-nowrap">
                    {formatDateTime(email.sentAt ?? email.createdAt, format)}
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}
    </div>
  );
}
