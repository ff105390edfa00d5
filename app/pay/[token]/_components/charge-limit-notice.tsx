/**
 * Shown instead of the card form when Stripe would refuse the amount due (below the seller's minimum,
 * or off the currency's charge step): decided by the server render, so the Customer never types a card
 * for a payment that cannot go through.
 */
export function ChargeLimitNotice({ message }: { message: string }) {
  return (
    <p className="rounded-lg bg-amber-50 p-4 text-sm text-amber-900" role="status" data-testid="charge-limit">
      {message}
    </p>
  );
}
