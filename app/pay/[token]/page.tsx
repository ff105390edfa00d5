import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InvoiceDocument } from "@/components/invoice-document";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db";
import { getInvoiceByPayLinkToken } from "@/db/queries/invoices";
import { PAY_TOKEN_PATTERN } from "@/lib/invoices/pay-token";
import { displayStatus } from "@/lib/invoices/status";
import { formatMoney } from "@/lib/money";
import { PayStatusBanner } from "./pay-status-banner";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Pay invoice", robots: { index: false, follow: false } };

type Props = { params: Promise<{ token: string }> };

export default async function PayPage({ params }: Props) {
  const { token } = await params;
  // Malformed, unknown, draft and void tokens all get the same plain 404.
  if (!PAY_TOKEN_PATTERN.test(token)) notFound();
  const invoice = await getInvoiceByPayLinkToken(getDb(), token);
  if (!invoice) notFound();
  const dueMinor = invoice.totalMinor - invoice.paidMinor;
  const status = displayStatus(invoice);

  return (
    <div className="min-h-screen bg-slate-100 px-4 py-8 sm:py-12">
      <main className="mx-auto max-w-3xl space-y-6">
        <header className="flex flex-col gap-1">
          <p className="text-sm text-slate-600">Invoice from</p>
          <h1 className="text-2xl font-semibold tracking-tight">{invoice.seller.businessName}</h1>
        </header>
        <section
          aria-label="Amount due"
          className="flex flex-col gap-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:flex-row sm:items-center sm:justify-between"
        >
          <div>
            <p className="text-sm text-slate-600">{dueMinor > 0 ? "Amount due" : "Total"}</p>
            <p className="text-3xl font-semibold tabular-nums" data-testid="amount-due">
              {formatMoney(dueMinor > 0 ? dueMinor : invoice.totalMinor, invoice.currency)}
            </p>
            <p className="text-sm text-slate-600">
              {invoice.number} · due {invoice.dueDate}
            </p>
          </div>
          <PayStatusBanner status={status}>
            <Button size="md" disabled aria-describedby="pay-soon">
              Pay {formatMoney(dueMinor, invoice.currency)}
            </Button>
            <p id="pay-soon" className="mt-2 text-xs text-slate-500">
              Card payment is not available for this invoice yet. Contact {invoice.seller.businessName} to
              pay.
            </p>
          </PayStatusBanner>
        </section>
        <section className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <InvoiceDocument {...invoice} />
        </section>
        <footer className="text-center text-xs text-slate-500">
          Questions about this invoice? Contact {invoice.seller.businessName} at {invoice.seller.email}.
        </footer>
      </main>
    </div>
  );
}
