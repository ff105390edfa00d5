import { roundHalfUpDiv } from "@/lib/money";

/**
 * The platform's application fee for a charge: a percentage (basis points, rounded half-up) plus a fixed
 * part, never the whole amount (Stripe refuses a fee that leaves the seller nothing).
 */
export function applicationFeeMinor(
  amountMinor: number,
  config: { feeBps: number; fixedMinor: number },
): number {
  const percentPart = Number(roundHalfUpDiv(BigInt(amountMinor) * BigInt(config.feeBps), 10_000n));
  const fee = percentPart + config.fixedMinor;
  return Math.max(0, Math.min(fee, amountMinor - 1));
}
