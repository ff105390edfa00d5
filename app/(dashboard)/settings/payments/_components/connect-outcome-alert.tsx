import { Alert, type AlertTone } from "@/components/ui/alert";
import type { ConnectOutcomeName } from "@/lib/stripe/connect";

/** What the OAuth callback reports back in `?connect=`; "failed" is an error on our side. */
export type ConnectPageOutcome = ConnectOutcomeName | "failed";

const MESSAGES: Record<ConnectPageOutcome, { tone: AlertTone; title: string; body: string }> = {
  connected: {
    tone: "success",
    title: "Your Stripe account is connected.",
    body: "Its details are below.",
  },
  denied: {
    tone: "warning",
    title: "You declined the connection on Stripe.",
    body: "Nothing was connected. You can connect your Stripe account whenever you are ready.",
  },
  invalid_state: {
    tone: "danger",
    title: "That connection attempt could not be verified.",
    body: "Connection links work once, for 10 minutes, and only for the person who started them. Nothing was connected. Please start again with Connect Stripe.",
  },
  invalid_grant: {
    tone: "danger",
    title: "Stripe did not accept the authorization.",
    body: "It had expired or had already been used. Nothing was connected. Please start again with Connect Stripe.",
  },
  account_taken: {
    tone: "danger",
    title: "That Stripe account is already connected to another SixthDesk user.",
    body: "Nothing was connected. Disconnect it there first, or connect a different Stripe account.",
  },
  stripe_error: {
    tone: "danger",
    title: "Stripe could not complete the connection.",
    body: "Nothing was connected. Please try again in a moment.",
  },
  failed: {
    tone: "danger",
    title: "Something went wrong on our side.",
    body: "Nothing was connected. Please try again.",
  },
};

export function parseConnectOutcome(value: unknown): ConnectPageOutcome | null {
  return typeof value === "string" && Object.hasOwn(MESSAGES, value) ? (value as ConnectPageOutcome) : null;
}

export function ConnectOutcomeAlert({ outcome }: { outcome: ConnectPageOutcome }) {
  const message = MESSAGES[outcome];
  return (
    <Alert tone={message.tone} title={message.title} data-testid="connect-outcome">
      {message.body}
    </Alert>
  );
}
