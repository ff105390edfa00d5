"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useServerAction } from "@/components/use-server-action";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/credentials";
import { resetPasswordAction } from "../../account-actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const action = useServerAction(resetPasswordAction, {
    onSuccess: () => router.push("/sign-in?ended=reset"),
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    action.execute({ token, password: String(new FormData(event.currentTarget).get("password") ?? "") });
  }
  const err = action.fieldError("password");
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {action.formError && !err && <Alert tone="danger">{action.formError}</Alert>}
      <FormField
        id="password"
        label="New password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        error={err}
      >
        <Input name="password" type="password" autoComplete="new-password" {...fieldAria("password", err)} />
      </FormField>
      <Button type="submit" className="w-full" disabled={action.pending}>
        {action.pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
