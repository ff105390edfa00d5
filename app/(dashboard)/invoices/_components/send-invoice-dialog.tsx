"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useServerAction } from "@/components/use-server-action";
import type { ActionResult } from "@/lib/action-result";
import { sendInvoiceAction } from "../actions";
import { sendInvoiceByEmailAction } from "../email-actions";
import { EMAIL_CC_MAX, EMAIL_SUBJECT_MAX } from "../email-schema";
import { EmailMessageField } from "./email-message-field";

export type SendInvoiceDialogProps = {
  invoiceId: string;
  number: string;
  customerName: string;
  customerEmail: string | null;
  /** The subject and message the dialog starts with: the seller's defaults from Settings → Business. */
  subject: string;
  message: string;
  /** Without a connected Stripe account the Customer can open the link but not pay by card. */
  stripeConnected: boolean;
};

const CC_HINT = `Up to ${EMAIL_CC_MAX} addresses, separated by commas.`;

type Email = { message: string; subject: string; cc: string };
type Choice = ({ how: "email" } & Email) | { how: "link" };

/**
 * "Send invoice": one dialog that issues the invoice and emails it (with the PDF) to the customer, or, as
 * the secondary path, issues it and copies its pay link. Sending before Stripe is connected is allowed
 * (the seller may take payment another way) but the dialog says what the customer will meet.
 */
export function SendInvoiceDialog(props: SendInvoiceDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [email, setEmail] = useState<Email>({ message: props.message, subject: props.subject, cc: "" });
  const change = (field: keyof Email) => (value: string) => setEmail((now) => ({ ...now, [field]: value }));
  const { execute, pending, fieldError, formError } = useServerAction(
    async (choice: Choice): Promise<ActionResult<{ payUrl: string | null }>> => {
      if (choice.how === "link") return sendInvoiceAction({ invoiceId: props.invoiceId });
      const { how: _how, ...fields } = choice;
      const sent = await sendInvoiceByEmailAction({ invoiceId: props.invoiceId, ...fields });
      return sent.ok ? { ok: true, data: { payUrl: null } } : sent;
    },
    {
      onSuccess: async (data) => {
        dialog.current?.close();
        // The link is shown on the page after the refresh whatever the clipboard says.
        if (data.payUrl) await navigator.clipboard?.writeText(data.payUrl).catch(() => {});
        router.refresh();
      },
    },
  );

  return (
    <>
      <Button onClick={() => dialog.current?.showModal()}>Send invoice</Button>
      <dialog
        ref={dialog}
        aria-labelledby="send-invoice-title"
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl backdrop:bg-slate-900/50"
      >
        <form
          className="space-y-4 p-6"
          onSubmit={(event) => {
            event.preventDefault();
            execute({ how: "email", ...email });
          }}
        >
          <h2 id="send-invoice-title" className="text-lg font-semibold">
            Send {props.number}
          </h2>
          {!props.stripeConnected && (
            <Alert tone="warning" data-testid="send-stripe-warning">
              Stripe is not connected, so {props.customerName} will not be able to pay by card.{" "}
              <Link href="/settings/payments" className="font-medium underline">
                Connect Stripe
              </Link>{" "}
              first, or send it and arrange payment another way.
            </Alert>
          )}
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-600">To</dt>
            <dd className="break-words">
              {props.customerEmail ? (
                <>
                  {props.customerName} &lt;{props.customerEmail}&gt;
                </>
              ) : (
                <span data-testid="send-no-email">
                  {props.customerName} has no email address. Add one to the customer to email this invoice.
                </span>
              )}
            </dd>
            <dt className="text-slate-600">Attached</dt>
            <dd>The invoice as a PDF, and its pay link</dd>
          </dl>
          <FormField id="send-cc" label="Cc" optional hint={CC_HINT} error={fieldError("cc")}>
            <Input
              {...fieldAria("send-cc", fieldError("cc"), CC_HINT)}
              name="cc"
              type="text"
              inputMode="email"
              autoComplete="off"
              value={email.cc}
              onChange={(e) => change("cc")(e.target.value)}
              placeholder="accounts@example.com"
            />
          </FormField>
          <FormField id="send-subject" label="Subject" error={fieldError("subject")}>
            <Input
              {...fieldAria("send-subject", fieldError("subject"))}
              name="subject"
              maxLength={EMAIL_SUBJECT_MAX}
              value={email.subject}
              onChange={(e) => change("subject")(e.target.value)}
            />
          </FormField>
          <EmailMessageField
            id="send-message"
            value={email.message}
            onChange={change("message")}
            error={fieldError("message")}
          />
          {formError && <Alert tone="danger">{formError}</Alert>}
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => dialog.current?.close()} disabled={pending}>
              Cancel
            </Button>
            <Button
              type="button"
              variant="outline"
              onClick={() => execute({ how: "link" })}
              disabled={pending}
            >
              Don’t email; copy link
            </Button>
            <Button type="submit" disabled={pending || !props.customerEmail}>
              {pending ? "Sending…" : "Send by email"}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
