import Link from "next/link";
import type { Payment } from "@/db/schema";
import { formatMoney } from "@/lib/money";

type Props = {
  payment: Payment;
  invoiceNumber: string;
  sellerName: string;
  dueMinor: number;
  backHref: string;
};

export function Receipt({ payment, invoiceNumber, sellerName, dueMinor, backHref }: Props) {
  const paidAt = payment.succeededAt ?? payment.updatedAt;
  const when = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(paidAt);
  const brand = payment.cardBrand
    ? payment.cardBrand.charAt(0).toUpperCase() + payment.cardBrand.slice(1)
    : "Card";
  return (
    <section aria-labelledby="receipt-heading" className="space-y-4">
      <h1 id="receipt-heading" className="text-xl font-semibold">
        Payment received — thank you
      </h1>
      <dl className="divide-y divide-slate-100 text-sm" data-testid="receipt">
        <div className="flex justify-between py-2">
          <dt className="text-slate-600">Amount paid</dt>
          <dd className="font-semibold tabular-nums">{formatMoney(payment.amountMinor, payment.currency)}</dd>
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
          <dd>{when} UTC</dd>
        </div>
        <div className="flex justify-between py-2">
          <dt className="text-slate-600">Card</dt>
          <dd>
            {brand} {payment.cardLast4 ? `ending ${payment.cardLast4}` : ""}
          </dd>
        </div>
        <div className="flex justify-between py-2">
          <dt className="text-slate-600">Reference</dt>
          <dd className="font-mono text-xs">{payment.stripePaymentIntentId}</dd>
        </div>
      </dl>
      {dueMinor > 0 && (
        <p className="text-sm text-slate-700">
          {formatMoney(dueMinor, payment.currency)} remains due on this invoice.{" "}
          <Link href={backHref} className="font-medium text-indigo-700 hover:underline">
            Pay the rest
          </Link>
        </p>
      )}
    </section>
  );
}
