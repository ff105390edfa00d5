"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

export function SignInForm() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(signInErrorMessage(searchParams.get("error")));
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const nextMissing = {
      email: email ? undefined : "Enter your email address.",
      password: password ? undefined : "Enter your password.",
    };
    setMissing(nextMissing);
    if (nextMissing.email || nextMissing.password) return;
    startTransition(async () => {
      setError(null);
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error) {
        setError(signInErrorMessage(result?.error ?? "invalid"));
        return;
      }
      // Only paths on this site: an open redirect after sign-in is a phishing aid.
      router.push(safeRedirectPath(searchParams.get("callbackUrl"), { origin: window.location.origin }));
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {error && <Alert tone="danger">{error}</Alert>}
      <FormField id="email" label="Email" error={missing.email}>
        <Input
          name="email"
          type="email"
          autoComplete="email"
          required
          {...fieldAria("email", missing.email)}
        />
      </FormField>
      <FormField id="password" label="Password" error={missing.password}>
        <Input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          {...fieldAria("password", missing.password)}
        />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
