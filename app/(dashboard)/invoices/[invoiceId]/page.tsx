import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectStripePrompt } from "@/components/connect-stripe-prompt";
import { InvoiceDocument } from "@/components/invoice-document";
import { InvoiceStatusBadge } from "@/components/status/status-badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { listInvoiceHistory } from "@/db/queries/audit";
import { getBusinessProfile } from "@/db/queries/business-profiles";
import { listDisputesOfInvoice } from "@/db/queries/disputes";
import { listInvoiceEmails } from "@/db/queries/email-outbox";
import { getInvoice } from "@/db/queries/invoices";
import { listPaymentsOfInvoice } from "@/db/queries/payments";
import { listRefundsOfInvoice } from "@/db/queries/refunds";
import { requireUser } from "@/lib/auth/session";
import { invoiceSubjectFrom } from "@/lib/business/email-defaults";
import { sellerIdentity } from "@/lib/business/profile";
import { isDevMailboxEnabled } from "@/lib/email/dev-mailbox";
import { isEmailDeliveryConfigured } from "@/lib/email/start";
import { getEnv } from "@/lib/env";
import { formatPreferencesOf, isoDayIn } from "@/lib/format";
import { invoiceLedger, overpayments } from "@/lib/invoices/ledger";
import { canPerform, displayStatus, isOverdue } from "@/lib/invoices/status";
import { uuidParam } from "@/lib/pagination";
import { connectedStripeAccount } from "@/lib/stripe/connection";
import { MakeRecurringForm } from "../../recurring/_components/make-recurring-form";
import { ReminderPauseToggle } from "../../settings/reminders/_components/reminder-pause-toggle";
import { EmailInvoiceForm } from "../_components/email-invoice-form";
import { EmailList } from "../_components/email-list";
import { HistoryList } from "../_components/history-list";
import { InvoiceActions } from "../_components/invoice-actions";
import { OverpaymentNotice } from "../_components/overpayment-notice";
import { PayLinkBox } from "../_components/pay-link-box";
import { PaymentsSection } from "../_components/payments-section";

export const metadata: Metadata = { title: "Invoice" };

type Props = { params: Promise<{ invoiceId: string }> };

export default async function InvoicePage({ params }: Props) {
  const user = await requireUser();
  const invoiceId = uuidParam((await params).invoiceId);
  if (!invoiceId) notFound();
  const db = getDb();
  const invoice = await getInvoice(db, { userId: user.id, invoiceId });
  if (!invoice) notFound();
  const [history, payments, emails, refunds, disputes] = await Promise.all([
    listInvoiceHistory(db, { userId: user.id, invoiceId: invoice.id }),
    listPaymentsOfInvoice(db, { userId: user.id, invoiceId: invoice.id }),
    listInvoiceEmails(db, { userId: user.id, invoiceId: invoice.id }),
    listRefundsOfInvoice(db, { userId: user.id, invoiceId: invoice.id }),
    listDisputesOfInvoice(db, { userId: user.id, invoiceId: invoice.id }),
  ]);
  const ctx = { paidMinor: invoice.paidMinor };
  const excess = overpayments(invoiceLedger(invoice, payments, refunds));
  const profile = await getBusinessProfile(db, user.id);
  const format = formatPreferencesOf(profile);
  const today = isoDayIn(new Date(), format.timeZone);
  const seller = sellerIdentity(user, profile);
  const payUrl =
    invoice.payToken && invoice.status !== "void" && invoice.status !== "draft"
      ? new URL(`/pay/${invoice.payToken}`, getEnv().APP_URL).toString()
      : null;

  return (
    <div className="print-document-page space-y-6">
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {invoice.number}{" "}
            <InvoiceStatusBadge status={displayStatus(invoice, today)} disputed={disputes.length > 0} />
          </span>
        }
        description={`For ${invoice.customer.name}`}
        actions={
          <div className="flex flex-wrap gap-2">
            {canPerform(invoice.status, "edit", ctx) && (
              <Link href={`/invoices/${invoice.id}/edit`} className={buttonClasses("outline", "md")}>
                Edit
              </Link>
            )}
            <InvoiceActions
              invoiceId={invoice.id}
              number={invoice.number}
              canVoid={canPerform(invoice.status, "void", ctx)}
              send={
                canPerform(invoice.status, "send", ctx)
                  ? {
                      invoiceId: invoice.id,
                      number: invoice.number,
                      customerName: invoice.customer.name,
                      customerEmail: invoice.customer.email,
                      subject: invoiceSubjectFrom(profile?.invoiceEmailSubject, {
                        number: invoice.number,
                        business: seller.displayName,
                      }),
                      message: profile?.invoiceEmailMessage ?? "",
                      stripeConnected: connectedStripeAccount(user) !== null,
                    }
                  : null
              }
            />
          </div>
        }
      />
      {invoice.status !== "void" && invoice.status !== "paid" && <ConnectStripePrompt user={user} />}
      {excess.length > 0 && (
        <OverpaymentNotice
          invoiceId={invoice.id}
          invoiceCurrency={invoice.currency}
          overpayments={excess}
          format={format}
        />
      )}
      {payUrl && <PayLinkBox url={payUrl} />}
      {payUrl && canPerform(invoice.status, "record_payment", ctx) && (
        <Card>
          <CardHeader>
            <CardTitle>Send by email</CardTitle>
          </CardHeader>
          <CardContent>
            <EmailInvoiceForm
              invoiceId={invoice.id}
              customerName={invoice.customer.name}
              customerEmail={invoice.customer.email}
              overdue={isOverdue(invoice, today)}
            />
            <ReminderPauseToggle target="invoice" id={invoice.id} paused={invoice.remindersPaused} />
            <MakeRecurringForm invoiceId={invoice.id} />
          </CardContent>
        </Card>
      )}
      <Card className="print-document">
        <CardContent className="pt-6">
          <InvoiceDocument {...invoice} seller={seller} format={format} />
          <p className="no-print mt-6 flex flex-wrap gap-4 text-sm">
            <a
              href={`/invoices/${invoice.id}/pdf`}
              download
              className="font-medium text-indigo-700 underline"
              data-testid="download-invoice-pdf"
            >
              Download PDF
            </a>
          </p>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Payments</CardTitle>
        </CardHeader>
        <CardContent>
          <PaymentsSection payments={payments} refunds={refunds} disputes={disputes} format={format} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Emails</CardTitle>
        </CardHeader>
        <CardContent>
          <EmailList
            emails={emails}
            delivering={isEmailDeliveryConfigured()}
            mailboxHref={isDevMailboxEnabled() ? "/dev/mailbox" : null}
            format={format}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>History</CardTitle>
        </CardHeader>
        <CardContent>
          <HistoryList entries={history} format={format} />
        </CardContent>
      </Card>
    </div>
  );
}
