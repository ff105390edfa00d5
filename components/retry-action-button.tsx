"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import type { ActionResult } from "@/lib/action-result";

/** "Retry" for work that gave up (an email, a Stripe event): runs the action, refreshes, shows its error. */
export function RetryActionButton<I, T>({
  action,
  input,
}: {
  action: (input: I) => Promise<ActionResult<T>>;
  input: I;
}) {
  const router = useRouter();
  const retry = useServerAction(action, { onSuccess: () => router.refresh() });
  return (
    <span className="flex flex-col items-end gap-1">
      <Button type="button" variant="outline" disabled={retry.pending} onClick={() => retry.execute(input)}>
        Retry
      </Button>
      {retry.formError && <span className="text-sm text-red-700">{retry.formError}</span>}
    </span>
  );
}
