"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { emailInvoiceAction, emailReminderAction } from "../email-actions";
import { EmailMessageField } from "./email-message-field";

type Props = {
  invoiceId: string;
  customerName: string;
  customerEmail: string | null;
  overdue: boolean;
};

type Send = { action: typeof emailInvoiceAction; what: string };

/** "Send by email" (and "Send reminder" once overdue): queues the email; the Emails card shows its fate. */
export function EmailInvoiceForm({ invoiceId, customerName, customerEmail, overdue }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState("");
  const [queued, setQueued] = useState<string | null>(null);
  const { execute, pending, fieldError, formError } = useServerAction(
    ({ action }: Send) => action({ invoiceId, message }),
    {
      onSuccess: ({ to }, { what }) => {
        setMessage("");
        setQueued(`${what} queued for ${to}.`);
        router.refresh();
      },
    },
  );
  const outcome = formError
    ? { tone: "danger" as const, text: formError }
    : queued && { tone: "success" as const, text: queued };

  function run(action: Send["action"], what: string) {
    setQueued(null);
    execute({ action, what });
  }

  return (
    <form
      className="space-y-4"
      aria-label="Send by email"
      onSubmit={(event) => {
        event.preventDefault();
        run(emailInvoiceAction, "Invoice email");
      }}
    >
      <p className="text-sm text-slate-600">
        {customerEmail ? (
          <>
            To {customerName} at <span className="font-medium text-slate-900">{customerEmail}</span>, with the
            pay link and the amount due.
          </>
        ) : (
          <>{customerName} has no email address yet; add one to the customer to send invoices by email.</>
        )}
      </p>
      <EmailMessageField
        id="email-message"
        value={message}
        onChange={setMessage}
        error={fieldError("message")}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          Send by email
        </Button>
        {overdue && (
          <Button variant="outline" disabled={pending} onClick={() => run(emailReminderAction, "Reminder")}>
            Send reminder
          </Button>
        )}
      </div>
      {outcome && (
        <Alert tone={outcome.tone} data-testid="email-outcome">
          {outcome.text}
        </Alert>
      )}
    </form>
  );
}
