"use client";

import { signOut } from "next-auth/react";
import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useServerAction } from "@/components/use-server-action";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/credentials";
import { changePasswordAction } from "../actions";

export function ChangePasswordForm() {
  const action = useServerAction(changePasswordAction, {
    onSuccess: () => signOut({ callbackUrl: "/sign-in?ended=password" }),
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    action.execute({
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
    });
  }
  const err = action.fieldError;
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-sm space-y-4" aria-label="Change password">
      {action.formError && <Alert tone="danger">{action.formError}</Alert>}
      <FormField id="currentPassword" label="Current password" error={err("currentPassword")}>
        <Input
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          {...fieldAria("currentPassword", err("currentPassword"))}
        />
      </FormField>
      <FormField
        id="newPassword"
        label="New password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        error={err("newPassword")}
      >
        <Input
          name="newPassword"
          type="password"
          autoComplete="new-password"
          {...fieldAria("newPassword", err("newPassword"))}
        />
      </FormField>
      <Button type="submit" disabled={action.pending}>
        {action.pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
