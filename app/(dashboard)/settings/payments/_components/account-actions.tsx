"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert, type AlertTone } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { disconnectStripeAction, refreshStripeAction } from "../actions";

type Notice = { tone: AlertTone; text: string };

export function AccountActions({ accountId }: { accountId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<Notice | null>(null);

  // The outcome travels in the URL and is rendered by the page: a change of search params mounts the
  // page afresh, which would drop a notice held in this component's state. Replacing the URL also drops a
  // stale `?connect=` message (e.g. "connected" after a disconnect).
  function showCurrentState(query = "") {
    router.replace(`/settings/payments${query}`, { scroll: false });
    router.refresh();
  }

  function onRefresh() {
    startTransition(async () => {
      setNotice(null);
      const result = await refreshStripeAction({});
      if (!result.ok) {
        setNotice({ tone: "danger", text: result.error.message });
        return;
      }
      showCurrentState(`?refresh=${result.data.outcome}`);
    });
  }

  function onDisconnect() {
    const question = `Disconnect Stripe account ${accountId}? Customers will not be able to pay your invoices by card until you connect again.`;
    if (!window.confirm(question)) return;
    startTransition(async () => {
      setNotice(null);
      const result = await disconnectStripeAction({});
      if (!result.ok) {
        setNotice({ tone: "danger", text: result.error.message });
        return;
      }
      showCurrentState();
    });
  }

  return (
    <div className="space-y-3">
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" onClick={onRefresh} disabled={pending}>
          Refresh
        </Button>
        <Button variant="danger" onClick={onDisconnect} disabled={pending}>
          Disconnect
        </Button>
      </div>
    </div>
  );
}
