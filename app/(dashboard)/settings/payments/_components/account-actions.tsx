"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useServerAction } from "@/components/use-server-action";
import type { ActionResult } from "@/lib/action-result";
import { disconnectStripeAction, refreshStripeAction } from "../actions";

type Outcome = { outcome: "refreshed" | "revoked" | "disconnected" };

type Props = { accountId: string; canDisconnect: boolean; askForCode: boolean };

export function AccountActions({ accountId, canDisconnect, askForCode }: Props) {
  const [code, setCode] = useState("");
  const router = useRouter();

  // The outcome travels in the URL and is rendered by the page: a change of search params mounts the
  // page afresh, which would drop a notice held in this component's state. Replacing the URL also drops a
  // stale `?connect=` message (e.g. "connected" after a disconnect).
  function showCurrentState(query = "") {
    router.replace(`/settings/payments${query}`, { scroll: false });
    router.refresh();
  }

  // One hook for both buttons: one request at a time, and the last one's error is the one shown.
  const { execute, pending, formError } = useServerAction(
    (call: () => Promise<ActionResult<Outcome>>): Promise<ActionResult<Outcome>> => call(),
    { onSuccess: ({ outcome }) => showCurrentState(outcome === "disconnected" ? "" : `?refresh=${outcome}`) },
  );

  function onDisconnect() {
    const question = `Disconnect Stripe account ${accountId}? Customers will not be able to pay your invoices by card until you connect again.`;
    if (!window.confirm(question)) return;
    execute(() => disconnectStripeAction({ code }));
  }

  return (
    <div className="space-y-3">
      {formError && <Alert tone="danger">{formError}</Alert>}
      {askForCode && canDisconnect && (
        <FormField
          id="disconnect-code"
          label="Authentication code"
          hint="Needed to disconnect: the code from your authenticator app, or a recovery code."
          className="max-w-xs"
        >
          <Input
            name="code"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            {...fieldAria("disconnect-code", null, "hint")}
          />
        </FormField>
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" onClick={() => execute(() => refreshStripeAction({}))} disabled={pending}>
          Refresh
        </Button>
        {/* Stripe does not let a platform disconnect an account it created and controls. */}
        {canDisconnect && (
          <Button variant="danger" onClick={onDisconnect} disabled={pending}>
            Disconnect
          </Button>
        )}
      </div>
    </div>
  );
}
