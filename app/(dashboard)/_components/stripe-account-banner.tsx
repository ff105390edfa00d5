import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { User } from "@/db/schema";
import { connectedStripeAccount } from "@/lib/stripe/connection";
import { accountStanding } from "@/lib/stripe/requirements";

const TEXT = {
  due_soon: "Stripe needs more information from you. Card payments continue until its deadline.",
  action_needed: "Customers cannot pay your invoices by card: Stripe needs information from you.",
  rejected: "Stripe has rejected your account, so customers cannot pay your invoices by card.",
} as const;

/** On every dashboard page while Stripe needs something, so a seller notices before payments stop. */
export function StripeAccountBanner({ user }: { user: User }) {
  if (!connectedStripeAccount(user)) return null;
  const standing = accountStanding(user);
  if (standing !== "due_soon" && standing !== "action_needed" && standing !== "rejected") return null;
  return (
    <Alert
      tone={standing === "due_soon" ? "warning" : "danger"}
      className="mb-6"
      data-testid="stripe-account-banner"
    >
      {TEXT[standing]}{" "}
      <Link href="/settings/payments" className="font-medium underline">
        Review what Stripe needs
      </Link>
    </Alert>
  );
}
