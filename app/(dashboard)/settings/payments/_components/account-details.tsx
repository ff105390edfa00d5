import { Alert } from "@/components/ui/alert";
import type { User } from "@/db/schema";
import { paymentsAccount } from "@/lib/stripe/connection";
import type { StripeCapabilityStatus } from "@/lib/stripe/known-values";

// Every status of the pinned API version (the typecheck holds the keys to the SDK's union); another is
// shown as Stripe names it.
const CAPABILITY_WORDS: Record<StripeCapabilityStatus | "unrequested", string> = {
  active: "Active",
  pending: "Pending (Stripe is verifying)",
  inactive: "Inactive",
  unrequested: "Not requested",
};

function yesNo(value: boolean) {
  return value ? "Yes" : "No";
}

/** The connected account as we last read it from Stripe. */
export function AccountDetails({ user }: { user: User }) {
  const rows: [string, string, string][] = [
    ["Account ID", user.stripeAccountId ?? "—", "account-id"],
    ["Country", user.stripeCountry ?? "—", "account-country"],
    ["Default currency", user.stripeDefaultCurrency?.toUpperCase() ?? "—", "account-currency"],
    ["Can take charges", yesNo(user.stripeChargesEnabled), "account-charges"],
    ["Finished Stripe onboarding", yesNo(user.stripeDetailsSubmitted), "account-onboarding"],
    ...(user.stripeCardPayments !== null
      ? ([
          [
            "Card payments",
            (CAPABILITY_WORDS as Record<string, string | undefined>)[user.stripeCardPayments] ??
              `unknown (${user.stripeCardPayments})`,
            "account-card-payments",
          ],
          ["Payouts to your bank", yesNo(user.stripePayoutsEnabled), "account-payouts"],
        ] satisfies [string, string, string][])
      : []),
    [
      "Set up",
      user.stripeAccountOrigin === "platform" ? "Created through SixthDesk" : "Existing account connected",
      "account-origin",
    ],
  ];
  return (
    <div className="space-y-4">
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
        {rows.map(([label, value, testId]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd className="font-medium break-all text-slate-900" data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {/* Accounts SixthDesk created get the requirements panel and a way back to onboarding instead. */}
      {!paymentsAccount(user) && user.stripeAccountOrigin !== "platform" && (
        <ChargesDisabledNotice detailsSubmitted={user.stripeDetailsSubmitted} />
      )}
    </div>
  );
}

function ChargesDisabledNotice({ detailsSubmitted }: { detailsSubmitted: boolean }) {
  return (
    <Alert tone="warning" title="This account cannot take card payments yet" data-testid="charges-disabled">
      <p>
        {detailsSubmitted
          ? "Stripe has your details but has not enabled payments yet — it may be reviewing them or need something more."
          : "Stripe needs more information about your business before it lets this account take payments."}{" "}
        Sign in to your Stripe Dashboard (dashboard.stripe.com), complete the steps it lists for your account,
        then press Refresh here.
      </p>
      <p className="mt-2">Until then, your pay links tell customers you cannot accept card payments yet.</p>
    </Alert>
  );
}
