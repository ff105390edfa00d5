"use client";

import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { confirmEmailAction } from "../../account-actions";

export function ConfirmEmailButton({ token }: { token: string }) {
  const [confirmed, setConfirmed] = useState(false);
  const action = useServerAction(confirmEmailAction, { onSuccess: () => setConfirmed(true) });
  if (confirmed) {
    return (
      <Alert tone="success" data-testid="email-confirmed">
        Your email address is confirmed.{" "}
        <Link href="/dashboard" className="font-medium underline">
          Go to your dashboard
        </Link>
      </Alert>
    );
  }
  return (
    <div className="space-y-4">
      {action.formError && <Alert tone="danger">{action.formError}</Alert>}
      <Button className="w-full" onClick={() => action.execute({ token })} disabled={action.pending}>
        {action.pending ? "Confirming…" : "Confirm my email address"}
      </Button>
    </div>
  );
}
