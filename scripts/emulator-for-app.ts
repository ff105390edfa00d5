import { EMULATOR_WEBHOOK_SECRET, type RunningEmulator, startEmulator } from "@/emulator";

/**
 * Starts the offline Stripe emulator beside the app and registers the app's webhook route with it,
 * like `stripe listen --forward-to … --forward-connect-to …` would with real Stripe.
 */
export async function startEmulatorForApp(options: {
  port: number;
  appUrl: string;
  statePath?: string;
}): Promise<RunningEmulator> {
  const emulator = await startEmulator({ port: options.port, statePath: options.statePath });
  await emulator.control.registerWebhookEndpoint({
    url: new URL("/api/webhooks/stripe", options.appUrl).toString(),
    secret: EMULATOR_WEBHOOK_SECRET,
  });
  return emulator;
}
