"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { sendInvoiceAction, voidInvoiceAction } from "../actions";

type Props = { invoiceId: string; number: string; canSend: boolean; canVoid: boolean };

export function InvoiceActions({ invoiceId, number, canSend, canVoid }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function run(action: typeof sendInvoiceAction) {
    startTransition(async () => {
      setError(null);
      const result = await action({ invoiceId });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      router.refresh();
    });
  }

  return (
    <>
      {canSend && (
        <Button onClick={() => run(sendInvoiceAction)} disabled={pending}>
          Send invoice
        </Button>
      )}
      {canVoid && (
        <Button
          variant="danger"
          onClick={() => {
            if (window.confirm(`Void ${number}? Its pay link will stop working.`)) run(voidInvoiceAction);
          }}
          disabled={pending}
        >
          Void
        </Button>
      )}
      {error && (
        <div className="w-full">
          <Alert tone="danger">{error}</Alert>
        </div>
      )}
    </>
  );
}
