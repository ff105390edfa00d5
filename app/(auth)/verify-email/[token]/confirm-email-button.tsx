"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { type ConfirmEmailState, confirmEmailFormAction } from "../../account-actions";

export function ConfirmEmailButton({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState<ConfirmEmailState, FormData>(
    confirmEmailFormAction,
    null,
  );
  if (state?.ok) {
    return (
      <Alert tone="success" data-testid="email-confirmed">
        Your email address is confirmed.{" "}
        <Link href="/dashboard" className="font-medium underline">
          Go to your dashboard
        </Link>
      </Alert>
    );
  }
  return (
    <form action={formAction} className="space-y-4">
      {state && !state.ok && <Alert tone="danger">{state.error.message}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Confirming…" : "Confirm my email address"}
      </Button>
    </form>
  );
}
