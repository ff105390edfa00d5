import { Skeleton } from "@/components/ui/skeleton";

/**
 * The room the Payment Element takes once it has arrived. Reserved from the first paint (server render
 * included) so the card form, which comes after Stripe.js and the PaymentIntent, never pushes the
 * invoice below it down (Lighthouse's CLS; docs/decisions/0021-mobile-and-quality-gates.md).
 * 18rem holds Stripe's card form in its tabs layout on a phone (card number; expiry and CVC; country
 * and postal code); a taller form (more payment methods) grows past it, and only by the difference.
 */
export const PAYMENT_ELEMENT_ROOM = "min-h-72";

/** Stands in for the form while Stripe.js and the PaymentIntent load: the same height, in grey. */
export function PaymentFieldsSkeleton() {
  return (
    <div aria-hidden="true" className={`space-y-3 ${PAYMENT_ELEMENT_ROOM}`}>
      {[0, 1, 2].map((row) => (
        <div key={row} className="space-y-1.5">
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-11 w-full" />
        </div>
      ))}
    </div>
  );
}

/** The whole card form (fields, Pay button, the line under it) before anything has loaded. */
export function PaymentFormSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" data-testid="payment-form-skeleton">
      <output className="sr-only">Preparing secure payment form</output>
      <PaymentFieldsSkeleton />
      <Skeleton className="h-11 w-full" />
      <Skeleton className="mx-auto h-4 w-56" />
    </div>
  );
}
