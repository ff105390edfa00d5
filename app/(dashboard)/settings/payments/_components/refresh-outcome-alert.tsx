import { Alert, type AlertTone } from "@/components/ui/alert";
import type { RefreshResult } from "@/lib/stripe/connect-account";

export type RefreshOutcomeName = RefreshResult["outcome"];

const MESSAGES: Record<RefreshOutcomeName, { tone: AlertTone; text: string }> = {
  refreshed: { tone: "success", text: "Account details refreshed from Stripe." },
  revoked: {
    tone: "danger",
    text: "Stripe says SixthDesk no longer has access to this account, so it is now marked disconnected.",
  },
};

/** What the Refresh button reports back in `?refresh=`. */
export function parseRefreshOutcome(value: unknown): RefreshOutcomeName | null {
  return typeof value === "string" && Object.hasOwn(MESSAGES, value) ? (value as RefreshOutcomeName) : null;
}

export function RefreshOutcomeAlert({ outcome }: { outcome: RefreshOutcomeName }) {
  const message = MESSAGES[outcome];
  return (
    <Alert tone={message.tone} data-testid="refresh-outcome">
      {message.text}
    </Alert>
  );
}
