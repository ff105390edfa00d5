"use client";

import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useServerAction } from "@/components/use-server-action";
import { changeEmailAction } from "../actions";

export function ChangeEmailForm() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const action = useServerAction(changeEmailAction, { onSuccess: (data) => setSentTo(data.sentTo) });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    action.execute({
      newEmail: String(form.get("newEmail") ?? ""),
      password: String(form.get("emailPassword") ?? ""),
    });
  }
  const err = action.fieldError;
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-sm space-y-4" aria-label="Change email address">
      {sentTo && (
        <Alert tone="success" data-testid="email-change-sent">
          We sent a link to {sentTo}. Your address changes when you follow it.
        </Alert>
      )}
      {action.formError && <Alert tone="danger">{action.formError}</Alert>}
      <FormField id="newEmail" label="New email address" error={err("newEmail")}>
        <Input
          name="newEmail"
          type="email"
          autoComplete="email"
          {...fieldAria("newEmail", err("newEmail"))}
        />
      </FormField>
      <FormField id="emailPassword" label="Your password" error={err("password")}>
        <Input
          name="emailPassword"
          type="password"
          autoComplete="current-password"
          {...fieldAria("emailPassword", err("password"))}
        />
      </FormField>
      <Button type="submit" disabled={action.pending}>
        Send a confirmation link
      </Button>
    </form>
  );
}
