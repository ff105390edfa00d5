import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { User } from "@/db/schema";
import { connectedStripeAccount, type PaymentsGate, paymentsAccount } from "@/lib/stripe/connection";

/**
 * Where a feature needs Stripe (a new invoice, an invoice customers should pay): until the User's account
 * can take card payments, say so and link to where it is fixed. Nothing when payments work.
 */
export function ConnectStripePrompt({ user }: { user: PaymentsGate & Pick<User, "stripeAccountId"> }) {
  if (paymentsAccount(user) !== null) return null;
  const started = connectedStripeAccount(user) !== null;
  return (
    <Alert tone="warning" title="Connect Stripe to get paid" data-testid="connect-stripe-prompt">
      <p>
        {started
          ? "Stripe cannot take card payments on your account yet, so customers cannot pay this invoice online."
          : "Customers pay your invoices by card through your own Stripe account. Until you connect one, a pay link cannot take payment."}{" "}
        <Link href="/settings/payments" className="font-medium underline">
          {started ? "Finish setting up Stripe" : "Connect Stripe"}
        </Link>
      </p>
    </Alert>
  );
}
