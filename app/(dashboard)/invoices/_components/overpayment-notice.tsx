"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { type FormatPreferences, formatMoney } from "@/lib/format";
import { refundOverpaymentAction } from "../overpayment-actions";

export type Overpayment = {
  currency: string;
  receivedMinor: number;
  owedMinor: number;
  excessMinor: number;
};

type Props = {
  invoiceId: string;
  invoiceCurrency: string;
  overpayments: Overpayment[];
  format: FormatPreferences;
};

function explanation(o: Overpayment, invoiceCurrency: string, format: FormatPreferences): string {
  const received = formatMoney(o.receivedMinor, o.currency, format);
  if (o.currency !== invoiceCurrency) {
    return `The customer paid ${received} in ${o.currency.toUpperCase()}; this invoice is in ${invoiceCurrency.toUpperCase()}, so that payment does not count towards it.`;
  }
  if (o.owedMinor === 0) return `The customer paid ${received} on an invoice that asks for nothing.`;
  return `The customer paid ${received} against a total of ${formatMoney(o.owedMinor, o.currency, format)} (the invoice changed while they were paying).`;
}

/** Money held beyond what the invoice asks for, per currency, each with its one-click refund. */
export function OverpaymentNotice({ invoiceId, invoiceCurrency, overpayments, format }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);

  function refund(currency: string) {
    startTransition(async () => {
      const result = await refundOverpaymentAction({ invoiceId, currency });
      setMessage(
        result.ok
          ? { tone: "success", text: result.data.message }
          : { tone: "danger", text: result.error.message },
      );
      router.refresh();
    });
  }

  return (
    <div className="space-y-3" data-testid="overpayment">
      {overpayments.map((o) => (
        <Alert
          key={o.currency}
          tone="warning"
          title={`Overpaid by ${formatMoney(o.excessMinor, o.currency, format)}`}
        >
          <p>{explanation(o, invoiceCurrency, format)}</p>
          <Button size="sm" className="mt-2" onClick={() => refund(o.currency)} disabled={pending}>
            {pending ? "Refunding…" : `Refund ${formatMoney(o.excessMinor, o.currency, format)}`}
          </Button>
        </Alert>
      ))}
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
    </div>
  );
}
