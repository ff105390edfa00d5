import { Alert, type AlertTone } from "@/components/ui/alert";

/** What the onboarding return and refresh routes report back in `?onboarding=`. */
const MESSAGES = {
  returned: {
    tone: "info",
    text: "You are back from Stripe. Below is what Stripe says about your account now.",
  },
  link_failed: {
    tone: "danger",
    text: "Stripe could not open onboarding just now. Please try again in a moment.",
  },
  read_failed: {
    tone: "danger",
    text: "You are back from Stripe, but Stripe could not be asked about your account. Press Refresh in a moment.",
  },
} satisfies Record<string, { tone: AlertTone; text: string }>;

export type OnboardingOutcome = keyof typeof MESSAGES;

export function parseOnboardingOutcome(value: unknown): OnboardingOutcome | null {
  return typeof value === "string" && Object.hasOwn(MESSAGES, value) ? (value as OnboardingOutcome) : null;
}

export function OnboardingOutcomeAlert({ outcome }: { outcome: OnboardingOutcome }) {
  const message = MESSAGES[outcome];
  return (
    <Alert tone={message.tone} data-testid="onboarding-outcome">
      {message.text}
    </Alert>
  );
}
