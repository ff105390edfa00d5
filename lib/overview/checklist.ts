// The dashboard's first-run checklist, decided from what the User has actually done (never from clicks on
// the checklist itself). Pure, so every combination is unit-tested.
import type { User } from "@/db/schema";
import { connectedStripeAccount, paymentsAccount } from "@/lib/stripe/connection";

export type ChecklistKey = "verify_email" | "stripe" | "business" | "customer" | "invoice";

export type ChecklistItem = {
  key: ChecklistKey;
  label: string;
  /** What to do, said as the link that does it. */
  action: string;
  href: string;
  done: boolean;
};

export type ChecklistInput = {
  user: Pick<
    User,
    | "emailVerifiedAt"
    | "stripeAccountId"
    | "stripeConnectionStatus"
    | "stripeChargesEnabled"
    | "stripeCardPayments"
  >;
  /** The business profile as stored; undefined until Settings → Business is first saved. */
  profile: { legalName: string | null; tradingName: string | null; address: string | null } | undefined;
  hasCustomer: boolean;
  hasSentInvoice: boolean;
};

const filled = (value: string | null | undefined) => Boolean(value?.trim());

export function checklistItems(input: ChecklistInput): ChecklistItem[] {
  const { user, profile } = input;
  const canTakePayments = paymentsAccount(user) !== null;
  // Connected but Stripe cannot take card payments yet (onboarding unfinished): the step is not done.
  const stripeStarted = connectedStripeAccount(user) !== null;
  return [
    {
      key: "verify_email",
      label: "Confirm your email address",
      action: "Find the link we emailed you",
      href: "/settings/security",
      done: user.emailVerifiedAt !== null,
    },
    {
      key: "stripe",
      label: "Connect Stripe to get paid",
      action: stripeStarted ? "Finish setting up Stripe" : "Connect or create a Stripe account",
      href: "/settings/payments",
      done: canTakePayments,
    },
    {
      key: "business",
      label: "Add your business details",
      action: "Add your name and address for invoices",
      href: "/settings/business",
      done: Boolean(
        profile && (filled(profile.legalName) || filled(profile.tradingName)) && filled(profile.address),
      ),
    },
    {
      key: "customer",
      label: "Add your first customer",
      action: "Add a customer",
      href: "/customers/new",
      done: input.hasCustomer,
    },
    {
      key: "invoice",
      label: "Send your first invoice",
      action: "Create an invoice",
      href: "/invoices/new",
      done: input.hasSentInvoice,
    },
  ];
}

/** Shown until every step is done, unless the User closed it. */
export function showChecklist(items: readonly ChecklistItem[], dismissedAt: Date | null): boolean {
  return dismissedAt === null && items.some((item) => !item.done);
}
