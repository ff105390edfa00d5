"use client";

import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useServerAction } from "@/components/use-server-action";
import { requestPasswordResetAction } from "../account-actions";

export function ForgotPasswordForm() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const action = useServerAction(requestPasswordResetAction, { onSuccess: (data) => setSentTo(data.email) });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    action.execute({ email: String(new FormData(event.currentTarget).get("email") ?? "") });
  }
  if (sentTo) {
    return (
      <Alert tone="success" data-testid="reset-requested">
        If {sentTo} has a SixthDesk account, a link to reset its password is on its way. It works once, for 30
        minutes.
      </Alert>
    );
  }
  const err = action.fieldError("email");
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {action.formError && !err && <Alert tone="danger">{action.formError}</Alert>}
      <FormField id="email" label="Email" error={err}>
        <Input name="email" type="email" autoComplete="email" {...fieldAria("email", err)} />
      </FormField>
      <Button type="submit" className="w-full" disabled={action.pending}>
        {action.pending ? "Sending…" : "Email me a reset link"}
      </Button>
    </form>
  );
}
