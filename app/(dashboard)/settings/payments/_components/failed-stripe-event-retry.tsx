"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { retryFailedStripeEventAction } from "../actions";

export function FailedStripeEventRetry({ eventId }: { eventId: string }) {
  const router = useRouter();
  const retry = useServerAction(retryFailedStripeEventAction, { onSuccess: () => router.refresh() });
  return (
    <span className="flex flex-col items-end gap-1">
      <Button
        type="button"
        variant="outline"
        disabled={retry.pending}
        onClick={() => retry.execute({ eventId })}
      >
        Retry
      </Button>
      {retry.formError && <span className="text-sm text-red-700">{retry.formError}</span>}
    </span>
  );
}
