"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { retryRefundAction } from "../actions";

/** For a refund Stripe never answered: asks again with the same idempotency key. */
export function RetryRefundButton({ refundId }: { refundId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);

  function onRetry() {
    startTransition(async () => {
      const result = await retryRefundAction({ refundId });
      setMessage(result.ok ? result.data.message : result.error.message);
      router.refresh();
    });
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button size="sm" variant="outline" onClick={onRetry} disabled={pending}>
        {pending ? "Retrying…" : "Retry"}
      </Button>
      {message && (
        <span role="status" className="text-xs text-slate-600">
          {message}
        </span>
      )}
    </span>
  );
}
