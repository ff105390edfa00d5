import "server-only";
import Stripe from "stripe";
import { getStripeSetup, type StripeSetup } from "./config";

export const STRIPE_API_VERSION = "2026-10-28.endive";

const holder = globalThis as typeof globalThis & {
  __sixthdeskStripe?: { setup: StripeSetup; client: Stripe };
};

/** The one server-side Stripe client: pinned API version, our app info, emulator or Stripe by config. */
export function getStripe(): Stripe {
  const setup = getStripeSetup();
  if (holder.__sixthdeskStripe?.setup !== setup) {
    holder.__sixthdeskStripe = {
      setup,
      client: new Stripe(setup.secretKey, {
        apiVersion: STRIPE_API_VERSION,
        appInfo: { name: "SixthDesk", version: "0.1.0", url: "https://github.com/sixthdesk/sixthdesk" },
        maxNetworkRetries: 2,
        timeout: 20_000,
        ...setup.api,
      }),
    };
  }
  return holder.__sixthdeskStripe.client;
}
