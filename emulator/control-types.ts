import type Stripe from "stripe";
import type { DeliveryRecord, JobRecord, WebhookMode, WebhookScope } from "./core/state";

/** Types shared by the control API (`/_emulator/…`) and its client. */

export type DeliveryView = DeliveryRecord;

export type WebhookEndpointView = {
  id: string;
  url: string;
  secret: string;
  /** `account`: platform events; `connect`: connected accounts' events; `both` (control API default). */
  scope: WebhookScope;
  mode: WebhookMode;
  enabled_events: string[];
  status: string;
};

export type AccountView = {
  id: string;
  name: string | null;
  country: string | null;
  default_currency: string | null;
  charges_enabled: boolean;
  details_submitted: boolean;
  connected: boolean;
  demo: boolean;
};

export type JobView = { kind: JobRecord["kind"]; account: string; target: string; due_at: number };

export type RegisterWebhookEndpoint = {
  url: string;
  /** Signing secret; defaults to EMULATOR_WEBHOOK_SECRET (`whsec_emulator_dev_secret`). */
  secret?: string;
  /** true: Connect events only; false: platform events only; omitted: both (like `stripe listen`). */
  connect?: boolean;
  enabled_events?: string[];
};

export type CreateAccount = {
  name?: string;
  country?: string;
  email?: string;
  charges_enabled?: boolean;
  /** Connect it to the platform straight away (skipping OAuth); emits account.application.authorized. */
  connected?: boolean;
};

export type AuthorizeRequest = {
  /** An existing account to connect, or `create` to make a new one (default: the GB demo account). */
  account?: string;
  create?: CreateAccount;
  redirect_uri?: string;
  scope?: "read_write" | "read_only";
};

export type DashboardRefund = {
  payment_intent?: string;
  charge?: string;
  amount?: number;
  reason?: "duplicate" | "fraudulent" | "requested_by_customer";
};

/** A payment as the dev console shows it: the PaymentIntent with its charge, refunds and disputes. */
export type PaymentView = {
  account: string;
  id: string;
  amount: number;
  currency: string;
  status: string;
  created: number;
  charge: {
    id: string;
    status: string;
    amount_refunded: number;
    refunded: boolean;
    disputed: boolean;
  } | null;
  refunds: { id: string; amount: number; status: string | null }[];
  disputes: { id: string; reason: string; status: string }[];
};

/** A fault rule (control API `/faults`; emulator/core/faults.ts says what each field does). */
export type FaultView = {
  id: string;
  kind: "api_error" | "rate_limit" | "connection_reset" | "timeout";
  when: "before" | "after";
  method: string;
  path: string;
  account: string | null;
  user_agent: string | null;
  rate: number;
  remaining: number | null;
  delay_ms: number;
  seen: number;
  fired: number;
};
export type AddFault = {
  kind: FaultView["kind"];
  when?: FaultView["when"];
  /** GET, POST, DELETE or * (default). */
  method?: string;
  /** e.g. "/v1/refunds", "/v1/payment_intents/*", "/v1/**" (default: every API path). */
  path?: string;
  account?: string;
  /** Only requests whose User-Agent contains this (the stripe SDK adds its appInfo name there). */
  user_agent?: string;
  /** Share of matching requests that fail, 0–1 (default 1 without `count`). */
  rate?: number;
  /** Fail the next N matching requests. */
  count?: number;
  /** For `timeout`: how long the answer is held. */
  delay_ms?: number;
  /** Seeds the generator that picks which requests fail, so a run repeats. */
  seed?: number;
};

/** Webhook disorder (emulator/webhooks/disorder.ts). */
export type WebhookDisorder = {
  /** Each first attempt waits a random time below this, so events arrive shuffled within it. */
  shuffle_window_ms?: number;
  /** Share of deliveries sent a second time. */
  duplicate_rate?: number;
  /** Share of deliveries of which one more copy is held until `releaseLateDeliveries`. */
  late_rate?: number;
  seed?: number;
};

export type ClockView = { now: number; offset_seconds: number };
export type SettleResult = { ran: JobView[]; now: number };
export type IdleResult = { pending: number };
export type { Stripe };

/** Stripe's rate limits (control API `/rate_limits`; emulator/core/rate-limits.ts). 0 = that limit off. */
export type SetRateLimits = {
  mode?: "off" | "live" | "sandbox";
  global_per_second?: number;
  endpoint_per_second?: number;
  payment_intent_updates_per_hour?: number;
};

export type RateLimitsView = Required<SetRateLimits> & {
  admitted: number;
  /** Requests refused, by `Stripe-Rate-Limited-Reason`. */
  limited: { "global-rate": number; "endpoint-rate": number; "resource-specific": number };
};
