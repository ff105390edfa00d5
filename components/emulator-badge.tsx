import { getStripeSetup } from "@/lib/stripe/config";

/** Visible whenever payments go to the offline emulator, so nobody mistakes it for real money. */
export function EmulatorBadge() {
  if (getStripeSetup().mode !== "emulator") return null;
  return (
    <span
      className="inline-flex items-center rounded-full border border-amber-300 bg-amber-50 px-2.5 py-0.5 text-xs font-medium text-amber-900"
      title="Payments go to a local Stripe emulator; no real money moves."
      data-testid="emulator-badge"
    >
      Offline Stripe emulator
    </span>
  );
}
