import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmailStatusBadge } from "@/components/status/status-badge";
import { emailStatusLabel } from "@/components/status/status-labels";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { listMailbox } from "@/db/queries/email-outbox";
import type { OutboxEmail } from "@/db/schema";
import { requireUser } from "@/lib/auth/session";
import { formatPreferencesFor } from "@/lib/business/preferences";
import { isDevMailboxEnabled } from "@/lib/email/dev-mailbox";
import { getEnv } from "@/lib/env";
import { type FormatPreferences, formatDateTime } from "@/lib/format";
import { EMAIL_KIND_LABELS } from "../../invoices/_components/email-list";
import { LinkedText } from "../_components/linked-text";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Development mailbox", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Links in the HTML open in a new tab: the app's pages refuse to be framed.
function previewDocument(html: string) {
  return html.replace(/<head>/i, '<head><base target="_blank">');
}

// The document the worker attaches when it sends, through the same owner-scoped routes as the
// dashboard's download links (lib/documents/attachments.ts renders it the same way).
const ATTACHMENT_LINKS: Record<
  NonNullable<OutboxEmail["attachmentKind"]>,
  { href: (id: string) => string; label: string }
> = {
  invoice: { href: (id) => `/invoices/${id}/pdf`, label: "Invoice (PDF)" },
  receipt: { href: (id) => `/payments/${id}/receipt`, label: "Receipt (PDF)" },
  credit_note: { href: (id) => `/refunds/${id}/credit-note`, label: "Credit note (PDF)" },
};

function AttachmentLink({ email }: { email: OutboxEmail }) {
  if (!email.attachmentKind || !email.attachmentId) return null;
  const link = ATTACHMENT_LINKS[email.attachmentKind];
  return (
    <p className="text-sm">
      <span className="text-slate-500">Attachment: </span>
      <a
        href={link.href(email.attachmentId)}
        download
        className="font-medium text-indigo-700 underline"
        data-testid="mailbox-attachment"
      >
        {link.label}
      </a>
    </p>
  );
}

type EmailViewProps = { email: OutboxEmail; from: string; delivering: boolean; format: FormatPreferences };

function EmailView({ email, from, delivering, format }: EmailViewProps) {
  const headers = [
    ["From", `${email.fromName} <${from}>`],
    ["To", email.toName ? `${email.toName} <${email.toAddress}>` : email.toAddress],
    ...(email.cc.length > 0 ? [["Cc", email.cc.join(", ")]] : []),
    ...(email.replyTo ? [["Reply-To", email.replyTo]] : []),
    ["Subject", email.subject],
    ["Queued", formatDateTime(email.createdAt, format)],
    [
      "Status",
      [emailStatusLabel(email.status, { delivering }).label, email.lastError].filter(Boolean).join(" — "),
    ],
  ];
  return (
    <article aria-label={email.subject} className="space-y-4" data-testid="mailbox-email">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {headers.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="break-all text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <AttachmentLink email={email} />
      <section aria-label="HTML version" className="space-y-2">
        <h3 className="text-sm font-semibold">HTML</h3>
        {/* No scripts, no same-origin access: the email's HTML cannot touch this page or its cookies. */}
        <iframe
          title="HTML version"
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          srcDoc={previewDocument(email.html)}
          className="h-[560px] w-full rounded-lg border border-slate-200 bg-white"
        />
      </section>
      <section aria-label="Plain-text version" className="space-y-2">
        <h3 className="text-sm font-semibold">Plain text</h3>
        <LinkedText text={email.text} />
      </section>
    </article>
  );
}

/** Every email the outbox holds for this User and their customers, as the development stand-in for SMTP. */
export default async function MailboxPage({ searchParams }: Props) {
  if (!isDevMailboxEnabled()) notFound();
  const user = await requireUser();
  const emails = await listMailbox(getDb(), { userId: user.id, limit: 100 });
  const format = await formatPreferencesFor(user.id);
  const wanted = (await searchParams).email;
  const selected = emails.find((e) => e.id === wanted) ?? emails[0];
  const env = getEnv();

  return (
    <div className="space-y-6">
      <PageHeader
        title="Development mailbox"
        description={
          env.SMTP_URL
            ? "Emails also go to the SMTP server; this is what the outbox holds."
            : "No SMTP server is configured: emails stay in the outbox and are shown here instead of being sent."
        }
      />
      {!selected ? (
        <EmptyState
          title="No emails yet"
          description="Send an invoice by email, or take a payment, and the emails appear here."
        />
      ) : (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <nav aria-label="Emails">
            <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
              {emails.map((email) => (
                <li key={email.id}>
                  <Link
                    href={`/dev/mailbox?email=${email.id}`}
                    aria-current={email.id === selected.id ? "true" : undefined}
                    className={cn(
                      "block px-4 py-3 text-sm hover:bg-slate-50",
                      email.id === selected.id && "bg-indigo-50",
                    )}
                  >
                    <span className="flex items-center justify-between gap-2">
                      <span className="truncate font-medium text-slate-900">{email.subject}</span>
                      <EmailStatusBadge status={email.status} delivering={Boolean(env.SMTP_URL)} />
                    </span>
                    <span className="block truncate text-xs text-slate-500">
                      {EMAIL_KIND_LABELS[email.kind]} · to {email.toAddress} ·{" "}
                      {formatDateTime(email.createdAt, format)}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <Card>
            <CardHeader>
              <CardTitle>{selected.subject}</CardTitle>
            </CardHeader>
            <CardContent>
              <EmailView
                email={selected}
                from={env.EMAIL_FROM}
                delivering={Boolean(env.SMTP_URL)}
                format={format}
              />
            </CardContent>
          </Card>
        </div>
      )}
    </div>
  );
}
