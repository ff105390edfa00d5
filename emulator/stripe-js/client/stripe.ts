import { createApi, type EmulatorApi } from "./api";
import { ElementsGroup, type ElementsOptions } from "./elements";
import { showThreeDSecureChallenge } from "./three-ds-modal";
import type { ClientPaymentIntent, StripeError } from "./types";

type Result = { paymentIntent: ClientPaymentIntent } | { error: StripeError };

type ConfirmPaymentOptions = {
  elements?: ElementsGroup;
  clientSecret?: string;
  confirmParams?: {
    return_url?: string;
    payment_method_data?: { billing_details?: Record<string, unknown> };
  };
  redirect?: "always" | "if_required";
};

function intentId(clientSecret: string): string {
  const match = /^(pi_[A-Za-z0-9]+)_secret_/.exec(clientSecret);
  if (!match?.[1])
    throw new Error(`Invalid value for clientSecret: ${clientSecret} is not a PaymentIntent client secret.`);
  return match[1];
}

function unsupported(method: string): Promise<{ error: StripeError }> {
  return Promise.resolve({
    error: {
      type: "invalid_request_error",
      message: `stripe.${method}() is not supported by the Stripe emulator.`,
    },
  });
}

/** The Stripe instance `window.Stripe(pk, {stripeAccount})` returns; every call goes to the emulator. */
export function createStripe(origin: string, key: string, options: { stripeAccount?: string }) {
  const api: EmulatorApi = createApi(origin, key, options.stripeAccount);

  async function retrieve(clientSecret: string): Promise<Result> {
    const res = await api.get<ClientPaymentIntent>(`/v1/payment_intents/${intentId(clientSecret)}`, {
      client_secret: clientSecret,
    });
    return res.ok ? { paymentIntent: res.body } : { error: res.error };
  }

  /** Runs the 3-D Secure challenge of a `requires_action` PaymentIntent and returns where it ended. */
  async function handleActions(pi: ClientPaymentIntent, clientSecret: string): Promise<Result> {
    if (pi.status !== "requires_action") return { paymentIntent: pi };
    const result = await showThreeDSecureChallenge(pi.amount, pi.currency);
    const res = await api.post<ClientPaymentIntent>(`/v1/payment_intents/${pi.id}/_authenticate`, {
      client_secret: clientSecret,
      result,
    });
    return res.ok ? { paymentIntent: res.body } : { error: res.error };
  }

  /** A failed attempt comes back as the PaymentIntent's `last_payment_error`, as Stripe.js reports it. */
  function outcome(result: Result): Result {
    if ("error" in result) return result;
    const pi = result.paymentIntent;
    if (pi.status === "requires_payment_method" && pi.last_payment_error) {
      return { error: { ...pi.last_payment_error, payment_intent: pi } };
    }
    return result;
  }

  async function confirm(clientSecret: string, params: Record<string, unknown>): Promise<Result> {
    const res = await api.post<ClientPaymentIntent>(`/v1/payment_intents/${intentId(clientSecret)}/confirm`, {
      ...params,
      client_secret: clientSecret,
      use_stripe_sdk: true,
    });
    if (!res.ok) return { error: res.error };
    return outcome(await handleActions(res.body, clientSecret));
  }

  async function confirmPayment(opts: ConfirmPaymentOptions): Promise<Result> {
    const { elements, confirmParams = {}, redirect = "always" } = opts;
    if (!elements) throw new Error("stripe.confirmPayment(): the `elements` argument is required.");
    const returnUrl = confirmParams.return_url;
    if (redirect === "always" && !returnUrl) {
      throw new Error(
        "stripe.confirmPayment(): the `confirmParams.return_url` argument is required unless passing `redirect: 'if_required'`.",
      );
    }
    const clientSecret = opts.clientSecret ?? elements.clientSecret;
    if (!clientSecret)
      throw new Error(
        "stripe.confirmPayment(): no clientSecret was given to elements() or confirmPayment().",
      );
    const element = elements.getElement("payment");
    if (!element) throw new Error("stripe.confirmPayment(): create and mount a Payment Element first.");
    const collected = element.collect();
    if ("error" in collected) return { error: collected.error };
    const { postal_code, ...card } = collected.card;
    const billing = confirmParams.payment_method_data?.billing_details ?? {};
    const address = {
      ...((billing.address as Record<string, unknown> | undefined) ?? {}),
      ...(postal_code ? { postal_code } : {}),
    };
    const result = await confirm(clientSecret, {
      return_url: returnUrl,
      payment_method_data: { type: "card", card, billing_details: { ...billing, address } },
    });
    if ("error" in result || !returnUrl) return result;
    const pi = result.paymentIntent;
    if (redirect === "if_required") return result;
    const target = new URL(returnUrl, window.location.href);
    target.searchParams.set("payment_intent", pi.id);
    target.searchParams.set("payment_intent_client_secret", clientSecret);
    target.searchParams.set("redirect_status", pi.status === "succeeded" ? "succeeded" : pi.status);
    window.location.assign(target.toString());
    // Like Stripe.js: on success the page navigates away and the promise never settles.
    return new Promise<never>(() => {});
  }

  return {
    elements: (elementsOptions: ElementsOptions = {}) => new ElementsGroup(elementsOptions, retrieve),
    confirmPayment,
    retrievePaymentIntent: retrieve,
    async confirmCardPayment(
      clientSecret: string,
      data: { payment_method?: unknown; return_url?: string } = {},
    ) {
      if (data.payment_method !== undefined && typeof data.payment_method !== "string") {
        return unsupported("confirmCardPayment with an Element");
      }
      return confirm(clientSecret, { payment_method: data.payment_method, return_url: data.return_url });
    },
    async handleNextAction({ clientSecret }: { clientSecret: string }) {
      const current = await retrieve(clientSecret);
      return "error" in current ? current : outcome(await handleActions(current.paymentIntent, clientSecret));
    },
    createToken: () => unsupported("createToken"),
    createPaymentMethod: () => unsupported("createPaymentMethod"),
    confirmSetup: () => unsupported("confirmSetup"),
    retrieveSetupIntent: () => unsupported("retrieveSetupIntent"),
    registerAppInfo: () => undefined,
    _registerWrapper: () => undefined,
  };
}
