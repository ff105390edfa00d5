"use client";

import { Elements } from "@stripe/react-stripe-js";
import { type FormEvent, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { type FormatPreferences, formatMoney } from "@/lib/format";
import { minorToDecimalString } from "@/lib/money";
import { CheckoutForm } from "./checkout-form";
import { stripeFor } from "./load-stripe";

export type PaymentPanelProps = {
  token: string;
  currency: string;
  dueMinor: number;
  partial: { minimumMinor: number } | null;
  publishableKey: string;
  stripeAccount: string;
  standInUrl: string | null;
  format: FormatPreferences;
};

type Intent = { clientSecret: string; amountMinor: number };

async function requestIntent(token: string, amount: string | undefined): Promise<Intent> {
  const response = await fetch(`/api/pay/${token}/intent`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(amount === undefined ? {} : { amount }),
  });
  const body = (await response.json().catch(() => ({}))) as Partial<Intent> & {
    error?: { message?: string };
  };
  if (!response.ok || !body.clientSecret || body.amountMinor === undefined) {
    throw new Error(body.error?.message ?? "The payment form could not be prepared. Please try again.");
  }
  return { clientSecret: body.clientSecret, amountMinor: body.amountMinor };
}

export function PaymentPanel(props: PaymentPanelProps) {
  const { token, currency, dueMinor, partial, format } = props;
  // Stripe.js exists only in the browser: start loading it after the first render, never during SSR.
  const [stripePromise, setStripePromise] = useState<ReturnType<typeof stripeFor> | null>(null);
  useEffect(() => {
    setStripePromise(
      stripeFor({
        publishableKey: props.publishableKey,
        stripeAccount: props.stripeAccount,
        standInUrl: props.standInUrl,
      }),
    );
  }, [props.publishableKey, props.stripeAccount, props.standInUrl]);
  const [intent, setIntent] = useState<Intent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [amount, setAmount] = useState(minorToDecimalString(dueMinor, currency));

  async function prepare(requested: string | undefined) {
    setLoading(true);
    setError(null);
    try {
      setIntent(await requestIntent(token, requested));
    } catch (e) {
      setError(e instanceof Error ? e.message : "The payment form could not be prepared.");
    } finally {
      setLoading(false);
    }
  }

  // Whole-amount invoices go straight to the card form; part payments ask for the amount first.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per invoice
  useEffect(() => {
    if (!partial) void prepare(undefined);
  }, [token]);

  function onAmount(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void prepare(amount);
  }

  return (
    <div className="space-y-4">
      {partial && (
        <form onSubmit={onAmount} className="flex flex-col gap-2 sm:flex-row sm:items-end" noValidate>
          <FormField
            id="pay-amount"
            label="Amount to pay"
            hint={`Between ${formatMoney(Math.min(partial.minimumMinor, dueMinor), currency, format)} and ${formatMoney(dueMinor, currency, format)}`}
          >
            <Input
              name="amount"
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              {...fieldAria("pay-amount", undefined, "hint")}
            />
          </FormField>
          <Button type="submit" variant="outline" disabled={loading}>
            {intent ? "Update amount" : "Continue"}
          </Button>
        </form>
      )}
      {error && <Alert tone="danger">{error}</Alert>}
      {loading && !intent && <Spinner label="Preparing secure payment form" />}
      {intent && stripePromise && (
        <Elements
          key={intent.clientSecret}
          stripe={stripePromise}
          options={{
            clientSecret: intent.clientSecret,
            appearance: { theme: "stripe", variables: { colorPrimary: "#4f46e5" } },
          }}
        >
          <CheckoutForm
            token={token}
            amountMinor={intent.amountMinor}
            currency={currency}
            busy={loading}
            format={format}
          />
        </Elements>
      )}
    </div>
  );
}
