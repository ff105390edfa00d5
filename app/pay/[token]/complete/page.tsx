import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { getDb } from "@/db";
import { PAY_TOKEN_PATTERN } from "@/lib/invoices/pay-token";
import { customerFailureText } from "@/lib/payments/customer-messages";
import { completeReturn, PAYMENT_INTENT_ID } from "@/lib/payments/return-page";
import { Receipt } from "./receipt";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Payment", robots: { index: false, follow: false } };

type Props = {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function PaymentCompletePage({ params, searchParams }: Props) {
  const { token } = await params;
  const intentId = (await searchParams).payment_intent;
  if (!PAY_TOKEN_PATTERN.test(token) || typeof intentId !== "string" || !PAYMENT_INTENT_ID.test(intentId))
    notFound();
  const outcome = await completeReturn(getDb(), { token, paymentIntentId: intentId });
  if (outcome.kind === "not_found") notFound();
  const back = `/pay/${token}`;

  return (
    <div className="min-h-screen bg-slate-100 px-4 py-8 sm:py-12">
      <main className="mx-auto max-w-xl space-y-6 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        {outcome.kind === "unavailable" ? (
          <Alert tone="warning">
            We could not confirm your payment with Stripe just now. Nothing has been charged twice; please
            check again in a few minutes.
          </Alert>
        ) : outcome.payment.status === "succeeded" ? (
          <Receipt
            payment={outcome.payment}
            invoiceNumber={outcome.invoiceNumber}
            sellerName={outcome.sellerName}
            dueMinor={outcome.dueMinor}
            backHref={back}
          />
        ) : outcome.payment.status === "processing" ? (
          <>
            <h1 className="text-xl font-semibold">Your payment is processing</h1>
            <p className="text-slate-600">
              Your bank is still confirming the payment to {outcome.sellerName}. This page will show the
              result when you reload it; you do not need to pay again.
            </p>
          </>
        ) : (
          <>
            <h1 className="text-xl font-semibold">Your payment did not go through</h1>
            <Alert tone="danger" data-testid="payment-error">
              {customerFailureText(outcome.payment.failureCode)}
            </Alert>
            <Link href={back} className={buttonClasses("primary", "md")}>
              Try again
            </Link>
          </>
        )}
      </main>
    </div>
  );
}
