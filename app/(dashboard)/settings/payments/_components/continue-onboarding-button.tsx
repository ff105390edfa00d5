"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { continueOnboardingAction } from "../actions";

/** Back to Stripe-hosted onboarding with a fresh link (links are single-use and expire in minutes). */
export function ContinueOnboardingButton({ label }: { label: string }) {
  const { execute, pending, formError } = useServerAction(continueOnboardingAction, {
    onSuccess: ({ url }) => window.location.assign(url),
  });
  return (
    <div className="space-y-2">
      {formError && <Alert tone="danger">{formError}</Alert>}
      <Button onClick={() => execute({})} disabled={pending}>
        {pending ? "Opening Stripe…" : label}
      </Button>
    </div>
  );
}
