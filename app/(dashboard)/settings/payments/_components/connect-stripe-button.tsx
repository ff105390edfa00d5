"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { connectStripeAction } from "../actions";

export function ConnectStripeButton({ label = "Connect Stripe" }: { label?: string }) {
  const {
    execute,
    pending,
    formError: error,
  } = useServerAction(connectStripeAction, {
    // A full navigation: Stripe's consent page is another site.
    onSuccess: ({ url }) => window.location.assign(url),
  });

  return (
    <div className="space-y-3">
      {error && <Alert tone="danger">{error}</Alert>}
      <Button onClick={() => execute({})} disabled={pending}>
        {pending ? "Opening Stripe…" : label}
      </Button>
    </div>
  );
}
