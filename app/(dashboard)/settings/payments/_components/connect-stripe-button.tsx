"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { connectStripeAction } from "../actions";

export function ConnectStripeButton({ label = "Connect Stripe" }: { label?: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function onConnect() {
    startTransition(async () => {
      setError(null);
      const result = await connectStripeAction({});
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      // A full navigation: Stripe's consent page is another site.
      window.location.assign(result.data.url);
    });
  }

  return (
    <div className="space-y-3">
      {error && <Alert tone="danger">{error}</Alert>}
      <Button onClick={onConnect} disabled={pending}>
        {pending ? "Opening Stripe…" : label}
      </Button>
    </div>
  );
}
