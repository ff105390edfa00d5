"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { deleteCustomerAction } from "../actions";

export function DeleteCustomerButton({ customerId, name }: { customerId: string; name: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function onDelete() {
    if (!window.confirm(`Delete ${name}? This cannot be undone.`)) return;
    startTransition(async () => {
      const result = await deleteCustomerAction({ customerId });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      router.push("/customers");
      router.refresh();
    });
  }

  return (
    <div className="space-y-3">
      {error && <Alert tone="danger">{error}</Alert>}
      <Button variant="danger" onClick={onDelete} disabled={pending}>
        {pending ? "Deleting…" : "Delete customer"}
      </Button>
    </div>
  );
}
