import Stripe from "stripe";
import { EMULATOR_SECRET_KEY, type RunningEmulator, startEmulator } from "@/emulator";
import { emulatorSetup, setStripeSetup } from "@/lib/stripe/config";

export type TestEmulator = RunningEmulator & {
  /** A platform client for the test itself (the app has its own, from lib/stripe/client). */
  stripe: Stripe;
};

/** Starts an in-memory emulator on a random port and points the app's Stripe client at it. */
export async function startTestEmulator(): Promise<TestEmulator> {
  const running = await startEmulator({ port: 0, webhookRetryDelaysMs: [50, 100] });
  setStripeSetup(emulatorSetup(running.url));
  const url = new URL(running.url);
  const stripe = new Stripe(EMULATOR_SECRET_KEY, {
    host: url.hostname,
    port: Number(url.port),
    protocol: "http",
    maxNetworkRetries: 0,
  });
  return Object.assign(running, { stripe });
}
