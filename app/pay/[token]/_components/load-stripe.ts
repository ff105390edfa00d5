import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";

const cache = new Map<string, Promise<Stripe | null>>();

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const existing = document.querySelector<HTMLScriptElement>(`script[data-stripe-standin="${src}"]`);
    if (existing?.dataset.loaded === "true") return resolve();
    const script = existing ?? document.createElement("script");
    script.addEventListener("load", () => {
      script.dataset.loaded = "true";
      resolve();
    });
    script.addEventListener("error", () => reject(new Error("Could not load the payment form.")));
    if (!existing) {
      script.src = src;
      script.dataset.stripeStandin = src;
      document.head.appendChild(script);
    }
  });
}

/**
 * Stripe.js for the seller's connected account. With the offline emulator its stand-in script is loaded
 * and awaited first: the pure loader then finds window.Stripe and never requests js.stripe.com.
 */
export function stripeFor(options: {
  publishableKey: string;
  stripeAccount: string;
  standInUrl: string | null;
}) {
  const key = `${options.publishableKey}:${options.stripeAccount}`;
  let promise = cache.get(key);
  if (!promise) {
    promise = (options.standInUrl ? loadScript(options.standInUrl) : Promise.resolve()).then(() =>
      loadStripe(options.publishableKey, { stripeAccount: options.stripeAccount }),
    );
    cache.set(key, promise);
  }
  return promise;
}
