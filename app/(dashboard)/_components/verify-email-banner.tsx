"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { resendVerificationAction } from "../settings/security/actions";

/** Shown until the User confirms their address: drafts work, connecting Stripe and sending wait. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const [sent, setSent] = useState(false);
  const resend = useServerAction(resendVerificationAction, { onSuccess: () => setSent(true) });
  return (
    <Alert tone="warning" title="Confirm your email address" data-testid="verify-email-banner">
      <p>
        We emailed a link to {email}. Follow it to connect Stripe and send invoices; you can write drafts
        meanwhile.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <Button size="sm" variant="outline" onClick={() => resend.execute({})} disabled={resend.pending}>
          Send the link again
        </Button>
        {sent && <span>Sent. Check your inbox.</span>}
        {resend.formError && <span className="text-red-800">{resend.formError}</span>}
      </div>
    </Alert>
  );
}
