import "server-only";
import { getEnv } from "@/lib/env";
import { getStripeSetup } from "@/lib/stripe/config";

/**
 * The development mailbox (/dev/mailbox) shows what the outbox holds. It exists only where no real
 * customer can be involved: `next dev`, or any server whose payments go to the offline emulator.
 */
export function isDevMailboxEnabled(): boolean {
  return getEnv().NODE_ENV === "development" || getStripeSetup().mode === "emulator";
}
