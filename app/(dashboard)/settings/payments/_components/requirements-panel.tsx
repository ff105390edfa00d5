import { Alert, type AlertTone } from "@/components/ui/alert";
import type { User } from "@/db/schema";
import { type FormatPreferences, formatDate } from "@/lib/format";
import {
  type AccountStanding,
  accountStanding,
  disabledReasonText,
  requirementLabels,
} from "@/lib/stripe/requirements";
import { ContinueOnboardingButton } from "./continue-onboarding-button";

const TITLES: Record<AccountStanding, { tone: AlertTone; title: string }> = {
  ready: { tone: "success", title: "Your account can take card payments." },
  due_soon: { tone: "warning", title: "Stripe needs more information from you" },
  verifying: { tone: "info", title: "Stripe is verifying your details" },
  action_needed: { tone: "warning", title: "This account cannot take card payments yet" },
  rejected: { tone: "danger", title: "Stripe has rejected this account" },
};

function List({ label, items, testId }: { label: string; items: string[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <div className="mt-2">
      <p className="font-medium">{label}</p>
      <ul className="ml-5 list-disc" data-testid={testId}>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * What Stripe still needs from the account, as Stripe last told us (`account.updated` keeps it current),
 * and the way back to Stripe-hosted onboarding for accounts SixthDesk created.
 */
export function RequirementsPanel({ user, format }: { user: User; format: FormatPreferences }) {
  const standing = accountStanding(user);
  const platform = user.stripeAccountOrigin === "platform";
  // OAuth accounts are managed in their own Stripe Dashboard; AccountDetails explains what to do.
  if (!platform && standing !== "due_soon") return null;
  const r = user.stripeRequirements;
  const pastDue = requirementLabels(r?.pastDue ?? []);
  const currentlyDue = requirementLabels((r?.currentlyDue ?? []).filter((f) => !r?.pastDue.includes(f)));
  const deadline = r?.currentDeadline ? formatDate(new Date(r.currentDeadline * 1000), format) : null;
  const reason = standing === "action_needed" ? disabledReasonText(r?.disabledReason ?? null) : null;
  const { tone, title } = TITLES[standing];
  const canContinue = platform && (standing === "due_soon" || standing === "action_needed");

  return (
    <Alert tone={tone} title={title} data-testid="requirements-panel">
      <div className="space-y-1">
        {reason && <p data-testid="disabled-reason">{reason}</p>}
        {standing === "due_soon" && (
          <p data-testid="requirements-deadline">
            {deadline ? `Provide it by ${deadline}. ` : ""}Card payments continue until then; after that
            Stripe stops them until it has what it needs.
          </p>
        )}
        {standing === "verifying" && (
          <p>This usually takes a few minutes. Stripe tells us the outcome; reload this page to see it.</p>
        )}
        {standing === "action_needed" && (
          <p>
            Until then, your pay links tell customers you cannot accept card payments yet. You can still draft
            and send invoices.
          </p>
        )}
        {standing === "rejected" && (
          <p>Contact Stripe support from your Stripe Dashboard if you think this is a mistake.</p>
        )}
        <List label="Past due" items={pastDue} testId="requirements-past-due" />
        <List label="Needed" items={currentlyDue} testId="requirements-currently-due" />
        {!platform && standing === "due_soon" && (
          <p className="mt-2">Sign in to your Stripe Dashboard (dashboard.stripe.com) to provide it.</p>
        )}
        {canContinue && (
          <div className="mt-3">
            <ContinueOnboardingButton
              label={
                user.stripeDetailsSubmitted
                  ? "Provide the missing information"
                  : "Continue setting up with Stripe"
              }
            />
          </div>
        )}
      </div>
    </Alert>
  );
}
