"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { deleteCustomerAction } from "../actions";

export function DeleteCustomerButton({ customerId, name }: { customerId: string; name: string }) {
  const router = useRouter();
  const { execute, pending, formError } = useServerAction(deleteCustomerAction, {
    onSuccess: () => {
      router.push("/customers");
      router.refresh();
    },
  });

  function onDelete() {
    if (!window.confirm(`Delete ${name}? This cannot be undone.`)) return;
    execute({ customerId });
  }

  return (
    <div className="space-y-3">
      {formError && <Alert tone="danger">{formError}</Alert>}
      <Button variant="danger" onClick={onDelete} disabled={pending}>
        {pending ? "Deleting…" : "Delete customer"}
      </Button>
    </div>
  );
}
