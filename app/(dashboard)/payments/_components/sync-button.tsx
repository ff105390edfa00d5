"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, type AlertTone } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { syncWithStripeAction } from "../actions";

type Result = { tone: AlertTone; title: string; changes: string[] };

/** "Sync with Stripe": repairs anything the webhooks missed on the User's account and lists what changed. */
export function SyncWithStripe() {
  const router = useRouter();
  const [synced, setSynced] = useState<Result | null>(null);
  const { execute, pending, formError } = useServerAction(syncWithStripeAction, {
    onSuccess: ({ changes, revoked }) => {
      setSynced(
        revoked
          ? { tone: "danger", title: "Stripe no longer gives SixthDesk access to your account.", changes }
          : changes.length === 0
            ? { tone: "success", title: "Everything is in step with Stripe. Nothing changed.", changes }
            : { tone: "info", title: `Synced with Stripe: ${changes.length} change(s).`, changes },
      );
      router.refresh();
    },
  });
  const result: Result | null = formError ? { tone: "danger", title: formError, changes: [] } : synced;

  function onSync() {
    setSynced(null);
    execute({});
  }

  return (
    <div className="space-y-3">
      <Button variant="outline" onClick={onSync} disabled={pending}>
        {pending ? "Syncing…" : "Sync with Stripe"}
      </Button>
      {result && (
        <Alert tone={result.tone} title={result.title} data-testid="sync-result">
          {result.changes.length > 0 && (
            <ul className="list-disc space-y-1 pl-5">
              {result.changes.map((change) => (
                <li key={change}>{change}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
    </div>
  );
}
