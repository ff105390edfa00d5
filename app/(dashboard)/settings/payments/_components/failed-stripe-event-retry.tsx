"use client";

import { RetryActionButton } from "@/components/retry-action-button";
import { retryFailedStripeEventAction } from "../actions";

export function FailedStripeEventRetry({ eventId }: { eventId: string }) {
  return <RetryActionButton action={retryFailedStripeEventAction} input={{ eventId }} />;
}
