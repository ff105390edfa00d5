"use client";

import { PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import type { StripeElements } from "@stripe/stripe-js";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { type FormatPreferences, formatMoney } from "@/lib/format";
import { customerPaymentMessage } from "@/lib/payments/customer-messages";
import { PAYMENT_ELEMENT_ROOM, PaymentFieldsSkeleton } from "./payment-form-skeleton";

/** Asked before every confirmation: "proceed" only when the server still charges what the page shows. */
export type BeforeConfirm = (elements: StripeElements) => Promise<"proceed" | "stop">;

type Props = {
  token: string;
  amountMinor: number;
  currency: string;
  busy: boolean;
  beforeConfirm: BeforeConfirm;
  format: FormatPreferences;
};

export function CheckoutForm({ token, amountMinor, currency, busy, beforeConfirm, format }: Props) {
  const stripe = useStripe();
  const elements = useElements();
  const [ready, setReady] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!stripe || !elements) return;
    setSubmitting(true);
    setError(null);
    if ((await beforeConfirm(elements)) === "stop") {
      setSubmitting(false);
      return;
    }
    const { error: confirmError } = await stripe.confirmPayment({
      elements,
      confirmParams: { return_url: new URL(`/pay/${token}/complete`, window.location.origin).toString() },
    });
    // confirmPayment only returns when the payment failed at once (a decline, a validation error);
    // on success the browser is already on its way to the return page. Plain words, said once: a
    // validation error is already shown by the field it is about.
    setError(customerPaymentMessage(confirmError));
    setSubmitting(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="Card payment">
      <div className={cn("relative", PAYMENT_ELEMENT_ROOM)}>
        <PaymentElement onReady={() => setReady(true)} options={{ layout: "tabs" }} />
        {!ready && (
          <div className="absolute inset-0 bg-white">
            <PaymentFieldsSkeleton />
          </div>
        )}
      </div>
      {error && (
        <Alert tone="danger" data-testid="payment-error">
          {error}
        </Alert>
      )}
      <Button type="submit" className="w-full" disabled={!stripe || !ready || submitting || busy}>
        {submitting ? "Processing…" : `Pay ${formatMoney(amountMinor, currency, format)}`}
      </Button>
      <p className="text-center text-xs text-slate-500">Payments are processed securely by Stripe.</p>
    </form>
  );
}
