"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { voidInvoiceAction } from "../actions";
import { SendInvoiceDialog, type SendInvoiceDialogProps } from "./send-invoice-dialog";

type Props = {
  invoiceId: string;
  number: string;
  canVoid: boolean;
  /** Present when the invoice can be sent: what the send dialog needs. */
  send: SendInvoiceDialogProps | null;
};

export function InvoiceActions({ invoiceId, number, canVoid, send }: Props) {
  const router = useRouter();
  const {
    execute: run,
    pending,
    formError: error,
  } = useServerAction((action: typeof voidInvoiceAction) => action({ invoiceId }), {
    onSuccess: () => router.refresh(),
  });

  return (
    <>
      {send && <SendInvoiceDialog {...send} />}
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
