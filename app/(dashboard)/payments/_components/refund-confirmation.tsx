"use client";

import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";

type Props = {
  amount: string;
  reason: string;
  customerName: string;
  card: string;
  sending: boolean;
  onConfirm: () => void;
  onBack: () => void;
};

/**
 * The last step before money goes back: the amount, the customer and the card, in one sentence, with the
 * confirm button naming the amount. Focus moves here so a keyboard or screen-reader user hears it.
 */
export function RefundConfirmation({
  amount,
  reason,
  customerName,
  card,
  sending,
  onConfirm,
  onBack,
}: Props) {
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      aria-label="Confirm refund"
      data-testid="refund-confirmation"
      className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
    >
      <p ref={heading} tabIndex={-1} className="font-semibold outline-none">
        Refund {amount} to {customerName}?
      </p>
      <p>
        It goes back to their {card}
        {reason ? ` (${reason.toLowerCase()})` : ""}. A refund cannot be undone.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={onConfirm} disabled={sending}>
          {sending ? "Refunding…" : `Refund ${amount}`}
        </Button>
        <Button type="button" variant="outline" onClick={onBack} disabled={sending}>
          Change
        </Button>
      </div>
    </section>
  );
}
