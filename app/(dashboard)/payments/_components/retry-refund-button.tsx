"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { retryRefundAction } from "../actions";

/** For a refund Stripe never answered: asks again with the same idempotency key. */
export function RetryRefundButton({ refundId }: { refundId: string }) {
  const router = useRouter();
  const [answer, setAnswer] = useState<string | null>(null);
  const { execute, pending, formError } = useServerAction(retryRefundAction, {
    onSuccess: ({ message }) => {
      setAnswer(message);
      router.refresh();
    },
    onError: () => router.refresh(),
  });
  const message = formError ?? answer;

  function onRetry() {
    setAnswer(null);
    execute({ refundId });
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
