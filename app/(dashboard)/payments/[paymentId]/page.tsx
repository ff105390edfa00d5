import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PaymentStatusBadge } from "@/components/status/status-badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { listDisputesOfPayment } from "@/db/queries/disputes";
import { getInvoice } from "@/db/queries/invoices";
import { getPayment } from "@/db/queries/payments";
import { listRefundsOfPayment } from "@/db/queries/refunds";
import { largeRefundThresholdMinor } from "@/lib/accounts/step-up";
import { requireUser } from "@/lib/auth/session";
import { formatPreferencesFor } from "@/lib/business/preferences";
import { formatCard, formatDateTime, formatMoney } from "@/lib/format";
import { uuidParam } from "@/lib/pagination";
import { refundFigures } from "@/lib/refunds/figures";
import { DisputePanel } from "../_components/dispute-panel";
import { RefundFiguresList } from "../_components/refund-figures";
import { RefundPanel } from "../_components/refund-form";
import { RefundTable } from "../_components/refund-table";

export const metadata: Metadata = { title: "Payment" };

type Props = { params: Promise<{ paymentId: string }> };

export default async function PaymentPage({ params }: Props) {
  const user = await requireUser();
  // A malformed id is not found, like another User's payment.
  const paymentId = uuidParam((await params).paymentId);
  if (!paymentId) notFound();
  const db = getDb();
  const payment = await getPayment(db, { userId: user.id, paymentId });
  if (!payment?.stripePaymentIntentId) notFound();
  const [invoice, refunds, disputes] = await Promise.all([
    getInvoice(db, { userId: user.id, invoiceId: payment.invoiceId }),
    listRefundsOfPayment(db, { userId: user.id, paymentId: payment.id }),
    listDisputesOfPayment(db, { userId: user.id, paymentId: payment.id }),
  ]);
  const figures = refundFigures(payment, refunds);
  const format = await formatPreferencesFor(user.id);

  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            Payment of {formatMoney(payment.amountMinor, payment.currency, format)}
            <PaymentStatusBadge
              status={payment.status}
              raw={payment.unknownStripeStatus}
              refunded={{ amountMinor: payment.amountMinor, refundedMinor: figures.refundedMinor }}
            />
          </span>
        }
        description={
          <>
            {formatDateTime(payment.succeededAt ?? payment.createdAt, format)} ·{" "}
            {formatCard(payment.cardBrand, payment.cardLast4)} · invoice{" "}
            <Link
              href={`/invoices/${payment.invoiceId}`}
              className="font-medium text-indigo-700 hover:underline"
            >
              {invoice?.number ?? "—"}
            </Link>
            {payment.status === "succeeded" && (
              <>
                {" · "}
                <a
                  href={`/payments/${payment.id}/receipt`}
                  download
                  className="font-medium text-indigo-700 underline"
                  data-testid="download-receipt-pdf"
                >
                  Receipt (PDF)
                </a>
              </>
            )}
          </>
        }
      />
      {disputes.map((dispute) => (
        <DisputePanel key={dispute.id} dispute={dispute} format={format} now={new Date()} />
      ))}
      <Card>
        <CardHeader>
          <CardTitle>Refund</CardTitle>
          <CardDescription>
            Refunds go back to the customer&apos;s card from your Stripe balance. Pending refunds count
            against what is left until Stripe settles them.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          <RefundFiguresList figures={figures} currency={payment.currency} format={format} />
          {payment.status === "succeeded" ? (
            <RefundPanel
              paymentId={payment.id}
              currency={payment.currency}
              refundableMinor={figures.refundableMinor}
              format={format}
              codeFromMinor={user.totpSecret ? largeRefundThresholdMinor(payment.currency) : null}
              customerName={invoice?.customer.name ?? "the customer"}
              card={formatCard(payment.cardBrand, payment.cardLast4)}
            />
          ) : (
            <p className="text-sm text-slate-600">Only a succeeded payment can be refunded.</p>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Refunds</CardTitle>
        </CardHeader>
        <CardContent>
          <RefundTable refunds={refunds} format={format} />
        </CardContent>
      </Card>
      <p className="text-xs text-slate-500">
        Stripe reference: <span className="font-mono">{payment.stripePaymentIntentId}</span>
      </p>
    </div>
  );
}
