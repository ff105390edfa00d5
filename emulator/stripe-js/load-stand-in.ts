import { STRIPE_JS_PATH } from "../constants";

type StandInWindow = Window & { Stripe?: { emulator?: boolean } };

let loading: Promise<void> | null = null;

/**
 * Browser helper for the app: loads the emulator's stand-in Stripe.js and resolves once `window.Stripe`
 * is defined. Await it before calling `loadStripe` from `@stripe/stripe-js/pure`, so the loader finds
 * `window.Stripe` and never requests js.stripe.com. Safe to call more than once.
 */
export function loadStandInStripeJs(emulatorUrl: string): Promise<void> {
  const win = window as StandInWindow;
  if (win.Stripe) {
    if (win.Stripe.emulator) return Promise.resolve();
    return Promise.reject(
      new Error("The real Stripe.js is already on this page; the emulator's stand-in cannot replace it."),
    );
  }
  const src = `${emulatorUrl.replace(/\/+$/, "")}${STRIPE_JS_PATH}`;
  loading ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = () =>
      win.Stripe ? resolve() : reject(new Error(`${src} loaded but did not define window.Stripe.`));
    script.onerror = () => {
      loading = null;
      reject(
        new Error(
          `Could not load the Stripe emulator's Stripe.js from ${src}. Is the emulator running (npm run emulator)?`,
        ),
      );
    };
    document.head.append(script);
  });
  return loading;
}
