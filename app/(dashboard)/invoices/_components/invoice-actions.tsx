"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { sendInvoiceAction, voidInvoiceAction } from "../actions";

type Props = { invoiceId: string; number: string; canSend: boolean; canVoid: boolean };

export function InvoiceActions({ invoiceId, number, canSend, canVoid }: Props) {
  const router = useRouter();
  // One hook for both buttons: one request at a time, and the last one's error is the one shown.
  const {
    execute: run,
    pending,
    formError: error,
  } = useServerAction((action: typeof sendInvoiceAction) => action({ invoiceId }), {
    onSuccess: () => router.refresh(),
  });

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
