import type Stripe from "stripe";
import type { TestCardKey } from "../resources/test-cards";

/** A stored Stripe object, scoped to the account that owns it; `seq` orders lists newest-first. */
export type Owned<T> = { account: string; seq: number; object: T };

/** The Stripe objects the emulator stores, by collection name. */
export type Collections = {
  payment_intents: Stripe.PaymentIntent;
  charges: Stripe.Charge;
  refunds: Stripe.Refund;
  disputes: Stripe.Dispute;
  payment_methods: Stripe.PaymentMethod;
  events: Stripe.Event;
};
export type CollectionName = keyof Collections;

export type AccountRecord = {
  object: Stripe.Account;
  /** Connected to the platform through OAuth; API calls with `Stripe-Account` are refused otherwise. */
  connected: boolean;
  /** Pre-seeded demo account (offered first on the consent page). */
  demo: boolean;
  /** Created by the platform with `POST /v1/accounts` (Account Links only work for these). */
  platformCreated?: boolean;
  /** What the hosted onboarding page arranged to happen after verification (account-onboarding.ts). */
  onboarding?: { laterRequirement: string | null };
};

/** An Account Link (account-links.ts): a single-use, expiring URL to the hosted onboarding page. */
export type AccountLinkRecord = {
  token: string;
  account: string;
  type: "account_onboarding";
  refreshUrl: string;
  returnUrl: string;
  /** Emulator-clock seconds. */
  expiresAt: number;
  visitedAt: number | null;
  /** Issued on the first visit: the page's form posts with it, so the used link itself opens nothing. */
  sessionToken: string | null;
  submittedAt: number | null;
};

/** What the emulator remembers about a PaymentIntent beyond the Stripe object itself. */
export type PaymentIntentInternals = {
  /** The test card of the attached payment method decides the outcome of confirm. */
  testCard: TestCardKey | null;
  returnUrl: string | null;
  offSession: boolean;
};

export type WebhookScope = "account" | "connect" | "both";
export type WebhookMode = "deliver" | "paused" | "drop";

export type WebhookEndpointRecord = {
  object: Stripe.WebhookEndpoint;
  secret: string;
  /** `account`: platform events; `connect`: connected accounts' events; `both`: like `stripe listen`. */
  scope: WebhookScope;
  /** `paused` holds deliveries until resumed; `drop` records them as dropped and never sends them. */
  mode: WebhookMode;
};

export type DeliveryStatus = "pending" | "succeeded" | "failed" | "dropped";

export type DeliveryAttempt = {
  at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  response_body: string | null;
};

export type DeliveryRecord = {
  id: string;
  seq: number;
  event_id: string;
  event_type: string;
  account: string | null;
  endpoint_id: string;
  url: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  /** Epoch ms (real time) of the next automatic attempt, or null when none is scheduled. */
  next_attempt_at: number | null;
  /**
   * Set by webhook disorder (emulator/webhooks/disorder.ts): a second delivery of the same event, or a
   * late one held until released (as Stripe may redeliver days later); absent for the normal delivery.
   */
  kind?: "duplicate" | "late";
  /** A late delivery not yet released: no attempt is scheduled and waiting for idle ignores it. */
  held?: boolean;
};

export type OAuthCodeRecord = {
  code: string;
  account: string;
  scope: string;
  redirectUri: string;
  /** Emulator-clock epoch ms. */
  expiresAt: number;
  usedAt: number | null;
};

export type IdempotencyRecord = {
  method: string;
  path: string;
  paramsHash: string;
  status: number;
  body: string;
  requestId: string;
  createdAt: number;
};

export type JobKind =
  | "refund_settle"
  | "dispute_create"
  | "payment_settle"
  | "account_verify"
  | "account_deadline";
export type JobRecord = { id: string; kind: JobKind; account: string; target: string; dueAt: number };

export type State = {
  version: 1;
  seq: number;
  clockOffsetMs: number;
  accounts: Record<string, AccountRecord>;
  objects: { [K in CollectionName]: Record<string, Owned<Collections[K]>> };
  paymentIntentInternals: Record<string, PaymentIntentInternals>;
  paymentMethodCards: Record<string, TestCardKey>;
  webhookEndpoints: Record<string, WebhookEndpointRecord>;
  deliveries: Record<string, DeliveryRecord>;
  oauthCodes: Record<string, OAuthCodeRecord>;
  /** Deprecated OAuth access/refresh tokens (`sk_test_oauth_…`/`rt_…`) → the account they act as. */
  oauthTokens: Record<string, string>;
  idempotency: Record<string, IdempotencyRecord>;
  jobs: Record<string, JobRecord>;
  /** Optional so that state saved before Account Links existed still loads. */
  accountLinks?: Record<string, AccountLinkRecord>;
};

export function emptyState(): State {
  return {
    version: 1,
    seq: 0,
    clockOffsetMs: 0,
    accounts: {},
    objects: { payment_intents: {}, charges: {}, refunds: {}, disputes: {}, payment_methods: {}, events: {} },
    paymentIntentInternals: {},
    paymentMethodCards: {},
    webhookEndpoints: {},
    deliveries: {},
    oauthCodes: {},
    oauthTokens: {},
    idempotency: {},
    jobs: {},
    accountLinks: {},
  };
}
