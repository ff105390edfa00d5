"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert, type AlertTone } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useServerAction } from "@/components/use-server-action";
import { formErrorOf } from "@/lib/action-result";
import { type FormatPreferences, formatMoney } from "@/lib/format";
import { minorToDecimalString, parseMoney } from "@/lib/money";
import { REFUND_REASON_LABELS } from "@/lib/refunds/messages";
import { REFUND_REASONS } from "@/lib/refunds/schema";
import { refundPaymentAction } from "../actions";
import { RefundConfirmation } from "./refund-confirmation";

type Outcome = { tone: AlertTone; text: string };

const TONE_BY_STATUS: Record<string, AlertTone> = {
  succeeded: "success",
  pending: "warning",
  requires_action: "warning",
  creating: "warning",
  failed: "danger",
  canceled: "warning",
};

type Props = {
  paymentId: string;
  currency: string;
  refundableMinor: number;
  format: FormatPreferences;
  /** With two-factor on: refunds of this much or more ask for a code (null: never). */
  codeFromMinor: number | null;
  /** Who gets the money back and on what, named in the confirmation step. */
  customerName: string;
  card: string;
};

/** A refund the User asked for, waiting for them to confirm the amount and the customer (the code included). */
type Pending = { fields: Record<string, FormDataEntryValue>; amountMinor: number; reason: string };

/**
 * The refund form, keyed by what is still refundable: after each refund the page refreshes, and the
 * form starts again from the new amount while the outcome of the last one stays visible above it.
 */
export function RefundPanel(props: Props) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  return (
    <div className="space-y-4">
      {outcome && (
        <Alert tone={outcome.tone} data-testid="refund-outcome">
          {outcome.text}
        </Alert>
      )}
      {props.refundableMinor > 0 ? (
        <RefundForm key={props.refundableMinor} {...props} onOutcome={setOutcome} />
      ) : (
        <p className="text-sm text-slate-600">Nothing is left to refund on this payment.</p>
      )}
    </div>
  );
}

function RefundForm({
  paymentId,
  currency,
  refundableMinor,
  format,
  codeFromMinor,
  customerName,
  card,
  onOutcome,
}: Props & { onOutcome: (outcome: Outcome | null) => void }) {
  const router = useRouter();
  const [pending, setPending] = useState<Pending | null>(null);
  const {
    execute,
    pending: sending,
    fieldError: err,
  } = useServerAction(refundPaymentAction, {
    onSuccess: ({ status, message }) => {
      setPending(null);
      onOutcome({ tone: TONE_BY_STATUS[status] ?? "info", text: message });
      router.refresh();
    },
    // The outcome sits above the form (it outlives the form, which restarts from the new refundable
    // amount); field problems stay beside their fields.
    onError: (error) => {
      setPending(null);
      const text = formErrorOf(error);
      if (text) onOutcome({ tone: "danger", text });
      router.refresh();
    },
  });

  // Money leaves the User's balance with no way back: a refund the amount rules allow is confirmed first,
  // naming the amount and the customer. One the server would refuse goes straight to it, so its message
  // (one wording, the server's) shows beside the field and nothing is refunded.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onOutcome(null);
    const fields = Object.fromEntries(new FormData(event.currentTarget));
    const amount = parseMoney(String(fields.amount ?? ""), currency);
    if (!amount.ok || amount.minor <= 0 || amount.minor > refundableMinor) {
      execute({ ...fields, paymentId });
      return;
    }
    const reason = REFUND_REASONS.find((r) => r === fields.reason);
    setPending({ fields, amountMinor: amount.minor, reason: reason ? REFUND_REASON_LABELS[reason] : "" });
  }

  const amountHint = `Up to ${formatMoney(refundableMinor, currency, format)}.`;
  return (
    <form
      onSubmit={onSubmit}
      // Changing a field after asking to refund takes the question back: it named the old amount.
      onChange={() => setPending(null)}
      noValidate
      className="max-w-md space-y-4"
      aria-label="Refund"
    >
      <FormField
        id="amount"
        label={`Amount (${currency.toUpperCase()})`}
        hint={amountHint}
        error={err("amount")}
      >
        <Input
          name="amount"
          inputMode="decimal"
          defaultValue={minorToDecimalString(refundableMinor, currency)}
          {...fieldAria("amount", err("amount"), amountHint)}
        />
      </FormField>
      {codeFromMinor !== null && codeFromMinor <= refundableMinor && (
        <FormField
          id="code"
          label="Authentication code"
          optional
          hint={`Needed for refunds of ${formatMoney(codeFromMinor, currency, format)} or more.`}
          error={err("code")}
        >
          <Input name="code" autoComplete="one-time-code" {...fieldAria("code", err("code"), "hint")} />
        </FormField>
      )}
      <FormField id="reason" label="Reason" error={err("reason")}>
        <Select name="reason" defaultValue="requested_by_customer" {...fieldAria("reason", err("reason"))}>
          {REFUND_REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {REFUND_REASON_LABELS[reason]}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField
        id="note"
        label="Note"
        optional
        hint="For your records; the customer does not see it."
        error={err("note")}
      >
        <Textarea
          name="note"
          rows={2}
          {...fieldAria("note", err("note"), "For your records; the customer does not see it.")}
        />
      </FormField>
      {pending ? (
        <RefundConfirmation
          amount={formatMoney(pending.amountMinor, currency, format)}
          reason={pending.reason}
          customerName={customerName}
          card={card}
          sending={sending}
          onConfirm={() => execute({ ...pending.fields, paymentId })}
          onBack={() => setPending(null)}
        />
      ) : (
        <Button type="submit">Review refund</Button>
      )}
    </form>
  );
}
