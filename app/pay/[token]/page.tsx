import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmulatorBadge } from "@/components/emulator-badge";
import { InvoiceDocument } from "@/components/invoice-document";
import { Alert } from "@/components/ui/alert";
import { getDb } from "@/db";
import { getBusinessProfile } from "@/db/queries/business-profiles";
import { getInvoiceByPayLinkToken, getVoidedInvoiceByPayLinkToken } from "@/db/queries/invoices";
import { findActivePayment } from "@/db/queries/payments";
import { sellerIdentity } from "@/lib/business/profile";
import { formatPreferencesOf } from "@/lib/format";
import { PAY_TOKEN_PATTERN } from "@/lib/invoices/pay-token";
import { displayStatus } from "@/lib/invoices/status";
import { amountDueMinor } from "@/lib/invoices/totals";
import { payLinkChargeProblem, smallestChargeMinor } from "@/lib/payments/amount-rules";
import { sellerAccountFor } from "@/lib/payments/intent";
import { getStripeSetup } from "@/lib/stripe/config";
import { AmountFigures } from "./_components/amount-figures";
import { ChargeLimitNotice } from "./_components/charge-limit-notice";
import { PayBox } from "./_components/pay-box";
import { PayLinkVoided } from "./_components/pay-link-voided";
import { PayStatusBanner } from "./pay-status-banner";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Pay invoice", robots: { index: false, follow: false } };

type Props = { params: Promise<{ token: string }> };

export default async function PayPage({ params }: Props) {
  const { token } = await params;
  // Malformed and unknown tokens get the pay link's "does not work" page (a 404); a voided invoice's link
  // says it was cancelled and whom to ask, since whoever holds it was once shown that invoice.
  if (!PAY_TOKEN_PATTERN.test(token)) notFound();
  const invoice = await getInvoiceByPayLinkToken(getDb(), token);
  if (!invoice) return <VoidedOrUnknown token={token} />;
  const dueMinor = amountDueMinor(invoice);
  const status = displayStatus(invoice);
  const account = sellerAccountFor(invoice.seller);
  const stripe = getStripeSetup();
  // The invoice is the seller's document: it reads in the seller's format preferences.
  const profile = await getBusinessProfile(getDb(), invoice.userId);
  const format = formatPreferencesOf(profile);
  const seller = sellerIdentity(invoice.seller, profile);
  const sellerName = seller.displayName;
  const settlementCurrency = invoice.seller.stripeDefaultCurrency;
  // A payment the bank is still confirming: paying again could charge twice, so the form waits.
  const processing = (await findActivePayment(getDb(), invoice.id))?.status === "processing";
  const chargeProblem = payLinkChargeProblem({
    dueMinor,
    currency: invoice.currency,
    settlementCurrency,
    sellerName,
  });

  return (
    <div className="min-h-screen bg-slate-100 px-4 py-8 sm:py-12">
      <main className="mx-auto max-w-3xl space-y-6">
        <header className="flex flex-wrap items-end justify-between gap-2">
          <div>
            <p className="text-sm text-slate-600">Invoice from</p>
            <h1 className="text-2xl font-semibold tracking-tight">{sellerName}</h1>
          </div>
          <EmulatorBadge />
        </header>
        <section
          aria-label="Payment"
          data-print="hide"
          className="grid grid-cols-1 gap-6 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2"
        >
          {processing && (status === "open" || status === "partially_paid") ? (
            <>
              <AmountFigures
                label="Amount due"
                amountMinor={dueMinor}
                currency={invoice.currency}
                number={invoice.number}
                dueDate={invoice.dueDate}
                format={format}
              />
              <Alert tone="info" data-testid="pay-processing">
                A payment for this invoice is being processed: the bank is still confirming it. You do not
                need to pay again; reload this page later to see the result.
              </Alert>
            </>
          ) : account && !chargeProblem && (status === "open" || status === "partially_paid") ? (
            <PayBox
              number={invoice.number}
              dueDate={invoice.dueDate}
              token={token}
              currency={invoice.currency}
              dueMinor={dueMinor}
              partial={
                invoice.allowPartialPayments
                  ? {
                      minimumMinor: Math.max(
                        invoice.partialMinimumMinor ?? dueMinor,
                        smallestChargeMinor(invoice.currency, settlementCurrency),
                      ),
                    }
                  : null
              }
              publishableKey={stripe.publishableKey}
              stripeAccount={account}
              standInUrl={stripe.stripeJsUrl}
              format={format}
            />
          ) : (
            <>
              <AmountFigures
                label={dueMinor > 0 ? "Amount due" : "Total"}
                amountMinor={dueMinor > 0 ? dueMinor : invoice.totalMinor}
                currency={invoice.currency}
                number={invoice.number}
                dueDate={invoice.dueDate}
                format={format}
              />
              <PayStatusBanner
                status={status}
                refundedMinor={invoice.refundedMinor}
                currency={invoice.currency}
                format={format}
              >
                {account && chargeProblem ? (
                  <ChargeLimitNotice message={chargeProblem} />
                ) : (
                  <p className="rounded-lg bg-slate-50 p-4 text-sm text-slate-700" data-testid="cannot-pay">
                    {sellerName} cannot accept card payments yet.{" "}
                    {seller.contactEmail
                      ? `Please contact them at ${seller.contactEmail} to arrange payment.`
                      : "Please contact them to arrange payment."}
                  </p>
                )}
              </PayStatusBanner>
            </>
          )}
        </section>
        <section className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <InvoiceDocument {...invoice} seller={seller} format={format} />
          <p className="no-print mt-6">
            <a
              href={`/pay/${token}/pdf`}
              download
              className="text-sm font-medium text-indigo-700 underline"
              data-testid="download-invoice-pdf"
            >
              Download invoice (PDF)
            </a>
          </p>
        </section>
        {seller.contactEmail && (
          <footer className="text-center text-xs text-slate-600">
            Questions about this invoice? Contact {sellerName} at {seller.contactEmail}.
          </footer>
        )}
      </main>
    </div>
  );
}

async function VoidedOrUnknown({ token }: { token: string }) {
  const db = getDb();
  const voided = await getVoidedInvoiceByPayLinkToken(db, token);
  if (!voided) notFound();
  const seller = sellerIdentity(voided, await getBusinessProfile(db, voided.userId));
  return (
    <PayLinkVoided
      number={voided.number}
      sellerName={seller.displayName}
      contactEmail={seller.contactEmail}
    />
  );
}
