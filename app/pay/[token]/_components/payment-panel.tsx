"use client";

import { Elements } from "@stripe/react-stripe-js";
import type { StripeElements } from "@stripe/stripe-js";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { type FormatPreferences, formatMoney } from "@/lib/format";
import { minorToDecimalString } from "@/lib/money";
import { CheckoutForm } from "./checkout-form";
import { stripeFor } from "./load-stripe";
import { PaymentFormSkeleton } from "./payment-form-skeleton";
import { type Figures, type PreparedIntent, requestIntent } from "./request-intent";

export type PaymentPanelProps = {
  token: string;
  currency: string;
  dueMinor: number;
  partial: { minimumMinor: number } | null;
  publishableKey: string;
  stripeAccount: string;
  standInUrl: string | null;
  /** Told when the server's figures replace the ones the page was rendered with. */
  onFigures?: (figures: { currency: string; dueMinor: number }) => void;
  /** Told when the invoice can take no payment any more (voided or paid meanwhile). */
  onClosed?: (message: string) => void;
  format: FormatPreferences;
};

function updatedMessage(intent: PreparedIntent, renewed: boolean, format: FormatPreferences): string {
  const due = formatMoney(intent.dueMinor, intent.currency, format);
  const pay = formatMoney(intent.amountMinor, intent.currency, format);
  const again = renewed ? " Enter your card details again." : "";
  return `The invoice was updated: now ${due}. Pay ${pay}?${again}`;
}

export function PaymentPanel(props: PaymentPanelProps) {
  const { token, partial, onFigures, onClosed, format } = props;
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
  const [intent, setIntent] = useState<PreparedIntent | null>(null);
  const [shown, setShown] = useState<{ currency: string; dueMinor: number }>({
    currency: props.currency,
    dueMinor: props.dueMinor,
  });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [amount, setAmount] = useState(minorToDecimalString(props.dueMinor, props.currency));
  // The figures on screen, read by the check before confirming (state may lag a render behind).
  const onScreen = useRef<Figures | null>(null);

  function show(next: PreparedIntent) {
    setIntent(next);
    onScreen.current = { amountMinor: next.amountMinor, currency: next.currency, dueMinor: next.dueMinor };
    if (next.currency !== shown.currency || next.dueMinor !== shown.dueMinor) {
      setShown({ currency: next.currency, dueMinor: next.dueMinor });
      if (next.currency !== shown.currency) {
        setAmount(minorToDecimalString(next.dueMinor, next.currency));
      }
      onFigures?.({ currency: next.currency, dueMinor: next.dueMinor });
    }
  }

  /** The Customer's own step (the page opened, a part amount chosen): no confirmation follows it. */
  async function prepare(requested: string | undefined) {
    setLoading(true);
    setError(null);
    setNotice(null);
    const answer = await requestIntent(token, { amount: requested });
    setLoading(false);
    if (answer.kind === "closed") return onClosed?.(answer.message);
    if (answer.kind === "error") return setError(answer.message);
    const next = answer.intent;
    // The invoice changed between rendering this page and now: say so before anything is typed.
    if (next.currency !== shown.currency || next.dueMinor !== shown.dueMinor) {
      setNotice(updatedMessage(next, false, format));
    }
    show(next);
  }

  // Whole-amount invoices go straight to the card form; part payments ask for the amount first.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per invoice
  useEffect(() => {
    if (!partial) void prepare(undefined);
  }, [token]);

  /**
   * Before confirming, the server prepares the intent again for what is on screen. If the invoice
   * changed, nothing is charged: the new figures are shown and the Customer presses Pay again. The
   * Payment Element picks up a changed amount (`elements.fetchUpdates()`); a replaced intent remounts it.
   */
  async function beforeConfirm(elements: StripeElements): Promise<"proceed" | "stop"> {
    const current = onScreen.current;
    if (!current || !intent) return "stop";
    setError(null);
    setNotice(null);
    const requested = partial ? minorToDecimalString(current.amountMinor, current.currency) : undefined;
    const answer = await requestIntent(token, { amount: requested, expected: current });
    if (answer.kind === "closed") {
      onClosed?.(answer.message);
      return "stop";
    }
    if (answer.kind === "error") {
      setError(answer.message);
      return "stop";
    }
    const next = answer.intent;
    if (next.clientSecret !== intent.clientSecret) {
      show(next);
      setNotice(
        next.upToDate
          ? "Your payment form had to be renewed. Enter your card details again."
          : updatedMessage(next, true, format),
      );
      return "stop";
    }
    if (!next.upToDate) {
      await elements.fetchUpdates();
      show(next);
      setNotice(updatedMessage(next, false, format));
      return "stop";
    }
    return "proceed";
  }

  function onAmount(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void prepare(amount);
  }

  const { currency, dueMinor } = shown;
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
      {notice && (
        <Alert tone="warning" data-testid="pay-updated">
          {notice}
        </Alert>
      )}
      {error && <Alert tone="danger">{error}</Alert>}
      {/* The form's room is held from the first paint; a part payment asks for its amount first. */}
      {(!intent || !stripePromise) && !error && (!partial || loading) && <PaymentFormSkeleton />}
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
            currency={intent.currency}
            busy={loading}
            beforeConfirm={beforeConfirm}
            format={format}
          />
        </Elements>
      )}
    </div>
  );
}
