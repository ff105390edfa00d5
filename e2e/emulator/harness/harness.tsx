import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { type FormEvent, StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { loadStandInStripeJs } from "../../../emulator/stripe-js/load-stand-in";

/**
 * A test page (not an app route): <Elements> + <PaymentElement> from @stripe/react-stripe-js against the
 * emulator's stand-in Stripe.js. `?preloaded=1` pages load it with a plain <script> tag; the others load
 * it with loadStandInStripeJs, as the app does. Either way it is there before loadStripe runs.
 */
const params = new URLSearchParams(window.location.search);
const clientSecret = params.get("client_secret") ?? "";
const stripeAccount = params.get("account") ?? undefined;
const redirect = params.get("redirect") === "if_required" ? "if_required" : "always";

// Created once at module scope, as @stripe/react-stripe-js asks.
const stripePromise = loadStandInStripeJs(params.get("emulator") ?? "").then(() =>
  loadStripe(params.get("pk") ?? "pk_test_emulator", { stripeAccount }),
);

function CheckoutForm() {
  const stripe = useStripe();
  const elements = useElements();
  const [ready, setReady] = useState(false);
  const [complete, setComplete] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements) return;
    setBusy(true);
    setMessage(null);
    const returnUrl = new URL("/return", window.location.href).toString();
    const result =
      redirect === "if_required"
        ? await stripe.confirmPayment({
            elements,
            confirmParams: { return_url: returnUrl },
            redirect: "if_required",
          })
        : await stripe.confirmPayment({ elements, confirmParams: { return_url: returnUrl } });
    setBusy(false);
    if (result.error) setMessage(result.error.message ?? "Payment failed");
    else if ("paymentIntent" in result && result.paymentIntent) setStatus(result.paymentIntent.status);
  }

  return (
    <form onSubmit={submit}>
      <PaymentElement onReady={() => setReady(true)} onChange={(e) => setComplete(e.complete)} />
      <p data-testid="element-state">
        {ready ? "ready" : "loading"} · {complete ? "complete" : "incomplete"}
      </p>
      <button type="submit" disabled={!stripe || busy}>
        Pay
      </button>
      {message && <p role="alert">{message}</p>}
      {status && <p data-testid="payment-status">Payment {status}</p>}
    </form>
  );
}

function Harness() {
  return (
    <Elements stripe={stripePromise} options={{ clientSecret }}>
      <CheckoutForm />
    </Elements>
  );
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Harness />
    </StrictMode>,
  );
}
