"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { emailInvoiceAction, emailReminderAction } from "../email-actions";

const MESSAGE_MAX = 2000;

type Props = {
  invoiceId: string;
  customerName: string;
  customerEmail: string | null;
  overdue: boolean;
};

type Outcome = { tone: "success" | "danger"; text: string } | null;

/** "Send by email" (and "Send reminder" once overdue): queues the email; the Emails card shows its fate. */
export function EmailInvoiceForm({ invoiceId, customerName, customerEmail, overdue }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState("");
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);

  function run(action: typeof emailInvoiceAction, what: string) {
    startTransition(async () => {
      setOutcome(null);
      setFieldError(null);
      const result = await action({ invoiceId, message });
      if (!result.ok) {
        setFieldError(result.error.fieldErrors?.message?.[0] ?? null);
        setOutcome({ tone: "danger", text: result.error.message });
        return;
      }
      setMessage("");
      setOutcome({ tone: "success", text: `${what} queued for ${result.data.to}.` });
      router.refresh();
    });
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
      <FormField id="email-message" label="Message" optional error={fieldError}>
        <Textarea
          {...fieldAria("email-message", fieldError)}
          name="message"
          rows={3}
          maxLength={MESSAGE_MAX}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          placeholder="Thanks for your business!"
        />
      </FormField>
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
