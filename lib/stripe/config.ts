import "server-only";
import {
  EMULATOR_CONNECT_CLIENT_ID,
  EMULATOR_PUBLISHABLE_KEY,
  EMULATOR_SECRET_KEY,
  EMULATOR_WEBHOOK_SECRET,
  STRIPE_JS_PATH,
} from "@/emulator/constants";
import { getEnv } from "@/lib/env";

export type StripeSetup = {
  mode: "live" | "emulator";
  secretKey: string;
  publishableKey: string;
  connectClientId: string;
  /** Every secret a delivery may be signed with (the account endpoint's and a Connect endpoint's). */
  webhookSecrets: string[];
  /** Where the SDK sends API and OAuth requests; undefined means Stripe itself. */
  api?: { host: string; port: number; protocol: "http" | "https" };
  /** Base of the OAuth authorize page (the SDK's authorizeUrl() drops ports, so we build it). */
  connectBaseUrl: string;
  /** The emulator's stand-in Stripe.js, which the browser must load before loadStripe; null with real Stripe. */
  stripeJsUrl: string | null;
};

let override: StripeSetup | undefined;
// One object for the process: lib/stripe/client.ts keeps its client while the setup is the same object,
// and a fresh object per call made it build a new Stripe client (and HTTP agent) for every request.
let fromEnv: StripeSetup | undefined;

export function getStripeSetup(): StripeSetup {
  if (override) return override;
  fromEnv ??= setupFromEnv();
  return fromEnv;
}

function setupFromEnv(): StripeSetup {
  const env = getEnv();
  if (
    env.stripeMode === "live" &&
    env.STRIPE_SECRET_KEY &&
    env.STRIPE_PUBLISHABLE_KEY &&
    env.STRIPE_CONNECT_CLIENT_ID
  ) {
    return {
      mode: "live",
      secretKey: env.STRIPE_SECRET_KEY,
      publishableKey: env.STRIPE_PUBLISHABLE_KEY,
      connectClientId: env.STRIPE_CONNECT_CLIENT_ID,
      webhookSecrets: [env.STRIPE_WEBHOOK_SECRET, env.STRIPE_CONNECT_WEBHOOK_SECRET].filter(
        (s): s is string => Boolean(s),
      ),
      connectBaseUrl: "https://connect.stripe.com",
      stripeJsUrl: null,
    };
  }
  return emulatorSetup(env.STRIPE_EMULATOR_URL, env.STRIPE_WEBHOOK_SECRET ?? EMULATOR_WEBHOOK_SECRET);
}

export function emulatorSetup(emulatorUrl: string, webhookSecret = EMULATOR_WEBHOOK_SECRET): StripeSetup {
  const url = new URL(emulatorUrl);
  const protocol = url.protocol === "https:" ? "https" : "http";
  const base = url.origin;
  return {
    mode: "emulator",
    secretKey: EMULATOR_SECRET_KEY,
    publishableKey: EMULATOR_PUBLISHABLE_KEY,
    connectClientId: EMULATOR_CONNECT_CLIENT_ID,
    webhookSecrets: [webhookSecret],
    api: { host: url.hostname, port: Number(url.port || (protocol === "https" ? 443 : 80)), protocol },
    connectBaseUrl: base,
    stripeJsUrl: `${base}${STRIPE_JS_PATH}`,
  };
}

/** Scripts and tests choose the Stripe endpoint explicitly (e.g. an emulator on a random port). */
export function setStripeSetup(setup: StripeSetup | undefined) {
  override = setup;
}
