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
        {state.data.changed
          ? "Your new email address is confirmed, and every device was signed out. "
          : "Your email address is confirmed. "}
        <Link href={state.data.changed ? "/sign-in" : "/dashboard"} className="font-medium underline">
          {state.data.changed ? "Sign in with it" : "Go to your dashboard"}
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
