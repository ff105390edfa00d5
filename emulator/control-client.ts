import type Stripe from "stripe";
import { CONTROL_PREFIX } from "./constants";
import type {
  AccountView,
  AddFault,
  AuthorizeRequest,
  ClockView,
  CreateAccount,
  DashboardRefund,
  DeliveryView,
  FaultView,
  IdleResult,
  JobView,
  PaymentView,
  RateLimitsView,
  RegisterWebhookEndpoint,
  SetRateLimits,
  SettleResult,
  WebhookDisorder,
  WebhookEndpointView,
} from "./control-types";
import type { WebhookMode } from "./core/state";

export class ControlApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type DeliveryFilter = Partial<
  Record<"event_id" | "event_type" | "endpoint_id" | "status" | "account", string>
>;

function isStaleSocket(error: unknown): boolean {
  const cause = error instanceof TypeError ? (error.cause as { code?: unknown } | undefined) : undefined;
  return cause?.code === "ECONNRESET" || cause?.code === "UND_ERR_SOCKET";
}

/** A typed client for the emulator's control API (`/_emulator/…`), for the app's tests and scripts. */
export function createControlClient(baseUrl: string) {
  async function call<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> {
    const send = () =>
      fetch(`${baseUrl}${CONTROL_PREFIX}${path}`, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // A kept-alive socket the server closed as the request went out fails before any answer (Node's
    // keep-alive race, seen after long idle spells on a busy machine): one fresh attempt.
    const response = await send().catch((error: unknown) => {
      if (isStaleSocket(error)) return send();
      throw error;
    });
    const json = (await response.json()) as T & { error?: { message?: string } };
    if (!response.ok)
      throw new ControlApiError(response.status, json.error?.message ?? `HTTP ${response.status}`);
    return json;
  }
  const enc = encodeURIComponent;

  return {
    /** Back to a fresh emulator: demo accounts only, clock at real time. */
    reset: (options: { keep_webhook_endpoints?: boolean } = {}) =>
      call<{ ok: true }>("POST", "/reset", options),
    clock: () => call<ClockView>("GET", "/clock"),
    /** Moves the clock forward and runs what falls due (async refunds, disputes; OAuth codes expire). */
    advance: (seconds: number) => call<SettleResult>("POST", "/advance", { seconds }),
    /** Runs every scheduled asynchronous outcome now, whatever its due time. */
    settle: () => call<SettleResult>("POST", "/settle"),
    jobs: () => call<JobView[]>("GET", "/jobs"),

    listAccounts: () => call<AccountView[]>("GET", "/accounts"),
    createAccount: (input: CreateAccount = {}) => call<AccountView>("POST", "/accounts", input),
    connectAccount: (id: string) => call<AccountView>("POST", `/accounts/${enc(id)}/connect`),
    /** The user disconnects the platform from their side (emits account.application.deauthorized). */
    deauthorizeAccount: (id: string) => call<AccountView>("POST", `/accounts/${enc(id)}/deauthorize`),
    disableCharges: (id: string) => call<AccountView>("POST", `/accounts/${enc(id)}/disable_charges`),
    enableCharges: (id: string) => call<AccountView>("POST", `/accounts/${enc(id)}/enable_charges`),
    /** The account object itself (capabilities, requirements, controller). */
    accountObject: (id: string) => call<Stripe.Account>("GET", `/accounts/${enc(id)}/object`),
    /** Stripe asks the account for `field` by a deadline (0: past due at once, charges stop). */
    requireField: (id: string, input: { field?: string; deadline_seconds?: number } = {}) =>
      call<Stripe.Account>("POST", `/accounts/${enc(id)}/require`, input),
    /** A refund made in the Stripe dashboard by the account owner. */
    dashboardRefund: (account: string, input: DashboardRefund) =>
      call<Stripe.Refund>("POST", `/accounts/${enc(account)}/dashboard_refund`, input),
    /** An OAuth authorization code, as if the user had clicked through the consent page. */
    authorize: (input: AuthorizeRequest = {}) =>
      call<{ code: string; account: string; expires_at: number }>("POST", "/oauth/authorize", input),

    /** Recent payments across accounts with their charge, refunds and disputes (dev console). */
    listPayments: (filter: { account?: string; limit?: number } = {}) => {
      const query = new URLSearchParams(Object.entries(filter).map(([k, v]) => [k, String(v)])).toString();
      return call<PaymentView[]>("GET", `/payments${query ? `?${query}` : ""}`);
    },
    /** Answers a pending 3-D Secure challenge without a browser. */
    authenticatePaymentIntent: (id: string, result: "complete" | "fail" = "complete") =>
      call<Stripe.PaymentIntent>("POST", `/payment_intents/${enc(id)}/authenticate`, { result }),
    /** Cancels a pending refund, as only the Dashboard can. */
    cancelRefund: (id: string) => call<Stripe.Refund>("POST", `/refunds/${enc(id)}/cancel`),
    /** Sets any refund status, even an unknown one or null, with refund.updated. */
    forceRefundStatus: (id: string, status: string | null) =>
      call<Stripe.Refund>("POST", `/refunds/${enc(id)}/status`, { status }),
    /** The bank decides: won (funds reinstated), lost, or warning_closed for an inquiry. */
    closeDispute: (id: string, status: "won" | "lost" | "warning_closed" = "lost") =>
      call<Stripe.Dispute>("POST", `/disputes/${enc(id)}/close`, { status }),
    /** An inquiry becomes a chargeback: needs_response, funds withdrawn. */
    escalateDispute: (id: string) => call<Stripe.Dispute>("POST", `/disputes/${enc(id)}/escalate`),
    /** A lost dispute is appealed: appeal_needs_response. */
    appealDispute: (id: string) => call<Stripe.Dispute>("POST", `/disputes/${enc(id)}/appeal`),
    /** Sets any status, even one the API version does not have (or null), with charge.dispute.updated. */
    forceDisputeStatus: (id: string, status: string | null) =>
      call<Stripe.Dispute>("POST", `/disputes/${enc(id)}/status`, { status }),

    /** Injects API failures: 500, 429, a reset connection or a held answer, before or after the change. */
    addFault: async (input: AddFault) => {
      const [rule] = await call<FaultView[]>("POST", "/faults", input);
      if (!rule) throw new ControlApiError(500, "no fault rule returned");
      return rule;
    },
    addFaults: (rules: AddFault[]) => call<FaultView[]>("POST", "/faults", { rules }),
    listFaults: () => call<FaultView[]>("GET", "/faults"),
    removeFault: (id: string) => call<{ ok: true }>("DELETE", `/faults/${enc(id)}`),
    /** Stops every injected failure (a reset does too). */
    clearFaults: () => call<{ ok: true }>("DELETE", "/faults"),

    /** Stripe's rate limits in force, and how many requests each limiter admitted and refused. */
    getRateLimits: () => call<RateLimitsView>("GET", "/rate_limits"),
    /** `mode` sets Stripe's figures (live 100/s, sandbox 25/s, off); a figure given overrides the mode's. */
    setRateLimits: (input: SetRateLimits) => call<RateLimitsView>("POST", "/rate_limits", input),

    /** Registers (or updates, by url and scope) a webhook endpoint with a known secret. */
    registerWebhookEndpoint: (input: RegisterWebhookEndpoint) =>
      call<WebhookEndpointView>("POST", "/webhook_endpoints", input),
    listWebhookEndpoints: () => call<WebhookEndpointView[]>("GET", "/webhook_endpoints"),
    /** deliver (normal), paused (held until set back to deliver), drop (never sent; can be redelivered). */
    setWebhookEndpointMode: (id: string, mode: WebhookMode) =>
      call<WebhookEndpointView>("POST", `/webhook_endpoints/${enc(id)}`, { mode }),
    deleteWebhookEndpoint: (id: string) =>
      call<{ id: string; deleted: true }>("DELETE", `/webhook_endpoints/${enc(id)}`),

    /** Shuffled, duplicated and late webhook deliveries from now on (null = back to in order, once). */
    setWebhookDisorder: (input: WebhookDisorder | null) =>
      input === null
        ? call<{ ok: true }>("DELETE", "/webhooks/disorder")
        : call<Required<WebhookDisorder>>("POST", "/webhooks/disorder", input),
    /** Sends the late copies held back by disorder, shuffled, as Stripe's retries days later would. */
    releaseLateDeliveries: () => call<{ released: number }>("POST", "/webhooks/release_late"),

    listDeliveries: (filter: DeliveryFilter = {}) => {
      const query = new URLSearchParams(filter as Record<string, string>).toString();
      return call<DeliveryView[]>("GET", `/deliveries${query ? `?${query}` : ""}`);
    },
    redeliver: (id: string) => call<DeliveryView>("POST", `/deliveries/${enc(id)}/redeliver`),
    /** Resolves when no delivery is pending on a delivering endpoint (or after the timeout). */
    waitForDeliveries: (timeoutMs = 5000) =>
      call<IdleResult>("POST", "/deliveries/wait", { timeout_ms: timeoutMs }),
  };
}

export type ControlClient = ReturnType<typeof createControlClient>;
