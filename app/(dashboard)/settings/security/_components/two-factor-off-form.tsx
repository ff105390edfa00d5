"use client";

import { signOut } from "next-auth/react";
import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useServerAction } from "@/components/use-server-action";
import { turnOffTotpAction } from "../actions";

export function TwoFactorOffForm() {
  const action = useServerAction(turnOffTotpAction, {
    onSuccess: () => signOut({ callbackUrl: "/sign-in?ended=two-factor" }),
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    action.execute({ password: String(form.get("password") ?? ""), code: String(form.get("offCode") ?? "") });
  }
  const err = action.fieldError;
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="max-w-sm space-y-4"
      aria-label="Turn off two-factor sign-in"
    >
      {action.formError && <Alert tone="danger">{action.formError}</Alert>}
      <FormField id="password" label="Password" error={err("password") ?? err("currentPassword")}>
        <Input
          name="password"
          type="password"
          autoComplete="current-password"
          {...fieldAria("password", err("password") ?? err("currentPassword"))}
        />
      </FormField>
      <FormField id="offCode" label="Code from your app, or a recovery code" error={err("code")}>
        <Input name="offCode" autoComplete="one-time-code" {...fieldAria("offCode", err("code"))} />
      </FormField>
      <Button type="submit" variant="danger" disabled={action.pending}>
        Turn off two-factor sign-in
      </Button>
    </form>
  );
}
