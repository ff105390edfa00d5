import Link from "next/link";
import type { Payment } from "@/db/schema";
import { formatPreferencesFor } from "@/lib/business/preferences";
import { formatCard, formatDateTime, formatMoney } from "@/lib/format";

type Props = {
  payment: Payment;
  invoiceNumber: string;
  sellerName: string;
  dueMinor: number;
  backHref: string;
};

export async function Receipt({ payment, invoiceNumber, sellerName, dueMinor, backHref }: Props) {
  const paidAt = payment.succeededAt ?? payment.updatedAt;
  // The receipt is the seller's document: it reads in the seller's format preferences.
  const format = await formatPreferencesFor(payment.userId);
  return (
    <section aria-labelledby="receipt-heading" className="space-y-4">
      <h1 id="receipt-heading" className="text-xl font-semibold">
        Payment received — thank you
      </h1>
      <dl className="divide-y divide-slate-100 text-sm" data-testid="receipt">
        <div className="flex justify-between py-2">
          <dt className="text-slate-600">Amount paid</dt>
          <dd className="font-semibold tabular-nums">
            {formatMoney(payment.amountMinor, payment.currency, format)}
          </dd>
        </div>
        <div className="flex justify-between py-2">
          <dt className="text-slate-600">Paid to</dt>
          <dd>{sellerName}</dd>
        </div>
        <div className="flex justify-between py-2">
          <dt className="text-slate-600">Invoice</dt>
          <dd>{invoiceNumber}</dd>
        </div>
        <div className="flex justify-between py-2">
          <dt className="text-slate-600">Date</dt>
          <dd>{formatDateTime(paidAt, format, "document")}</dd>
        </div>
        <div className="flex justify-between py-2">
          <dt className="text-slate-600">Card</dt>
          <dd>{formatCard(payment.cardBrand, payment.cardLast4)}</dd>
        </div>
        <div className="flex justify-between py-2">
          <dt className="text-slate-600">Reference</dt>
          <dd className="font-mono text-xs">{payment.stripePaymentIntentId}</dd>
        </div>
      </dl>
      <p className="text-sm">
        <a
          href={`${backHref}/receipts/${payment.id}`}
          download
          className="font-medium text-indigo-700 underline"
          data-testid="download-receipt-pdf"
        >
          Download receipt (PDF)
        </a>
      </p>
      {dueMinor > 0 && (
        <p className="text-sm text-slate-700">
          {formatMoney(dueMinor, payment.currency, format)} remains due on this invoice.{" "}
          <Link href={backHref} className="font-medium text-indigo-700 hover:underline">
            Pay the rest
          </Link>
        </p>
      )}
    </section>
  );
}
