import { STRIPE_JS_RELEASE_TRAIN } from "../../constants";
import { createStripe } from "./stripe";

/** Replaced with the emulator's origin when the script is served (see ../serve.ts). */
const ORIGIN = "__STRIPE_EMULATOR_ORIGIN__";

type StripeOptions = { stripeAccount?: string; [key: string]: unknown };

/**
 * `window.Stripe`, defined before `loadStripe` (from `@stripe/stripe-js/pure`) runs, so the loader uses it
 * and never requests js.stripe.com. `version` is the release train @stripe/stripe-js@10 expects.
 */
function Stripe(key: unknown, options?: StripeOptions) {
  if (typeof key !== "string")
    throw new Error(`Invalid value for Stripe(): apiKey should be a string. You specified: ${typeof key}.`);
  if (key.startsWith("sk_"))
    throw new Error(
      "You should not use your secret key with Stripe.js. Please pass a publishable key instead.",
    );
  return createStripe(ORIGIN, key, options ?? {});
}
Stripe.version = STRIPE_JS_RELEASE_TRAIN;
Stripe.emulator = true;

(window as unknown as { Stripe: typeof Stripe }).Stripe = Stripe;
