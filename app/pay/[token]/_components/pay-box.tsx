"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { AmountFigures } from "./amount-figures";
import { PaymentPanel, type PaymentPanelProps } from "./payment-panel";

type Props = Omit<PaymentPanelProps, "onFigures" | "onClosed"> & { number: string; dueDate: string };

/**
 * The amount due and the payment form of a payable invoice. The figures follow what the server answers
 * when the invoice changes under an open tab; once it is voided or paid, the form gives way to why.
 */
export function PayBox({ number, dueDate, ...panel }: Props) {
  const [figures, setFigures] = useState({ currency: panel.currency, dueMinor: panel.dueMinor });
  const [closed, setClosed] = useState<string | null>(null);
  return (
    <>
      <AmountFigures
        label="Amount due"
        amountMinor={figures.dueMinor}
        currency={figures.currency}
        number={number}
        dueDate={dueDate}
        format={panel.format}
      />
      <div>
        {closed ? (
          <Alert tone="warning" data-testid="pay-closed">
            {closed}
          </Alert>
        ) : (
          <PaymentPanel {...panel} onFigures={setFigures} onClosed={setClosed} />
        )}
      </div>
    </>
  );
}
