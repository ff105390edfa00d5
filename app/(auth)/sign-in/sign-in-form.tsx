"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { SIGN_IN_ERROR, signInErrorMessage } from "@/lib/auth/sign-in-errors";

const ENDED_NOTICES: Record<string, string> = {
  everywhere: "You were signed out on every device.",
  password: "Your password was changed and every device signed out. Sign in with the new password.",
  reset: "Your new password is set and every device was signed out. Sign in with it.",
  "two-factor": "Two-factor sign-in is off and every device was signed out. Sign in again.",
};

export function SignInForm() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(signInErrorMessage(searchParams.get("error")));
  const [missing, setMissing] = useState<{ email?: string; password?: string; code?: string }>({});
  // Set once the password was right and the account asks for a second factor.
  const [needsCode, setNeedsCode] = useState(false);
  const notice = ENDED_NOTICES[searchParams.get("ended") ?? ""];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const code = String(form.get("code") ?? "").trim();
    const nextMissing = {
      email: email ? undefined : "Enter your email address.",
      password: password ? undefined : "Enter your password.",
      code: needsCode && !code ? "Enter the code from your authenticator app." : undefined,
    };
    setMissing(nextMissing);
    if (nextMissing.email || nextMissing.password || nextMissing.code) return;
    startTransition(async () => {
      setError(null);
      const result = await signIn("credentials", { email, password, code, redirect: false });
      if (!result || result.error) {
        if (result?.error === SIGN_IN_ERROR.codeRequired) {
          setNeedsCode(true);
          return;
        }
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
      {notice && !error && <Alert tone="success">{notice}</Alert>}
      {error && <Alert tone="danger">{error}</Alert>}
      <FormField id="email" label="Email" error={missing.email}>
        <Input
          name="email"
          type="email"
          autoComplete="email"
          required
          readOnly={needsCode}
          {...fieldAria("email", missing.email)}
        />
      </FormField>
      <FormField id="password" label="Password" error={missing.password}>
        <Input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          readOnly={needsCode}
          {...fieldAria("password", missing.password)}
        />
      </FormField>
      {needsCode && (
        <FormField
          id="code"
          label="Authentication code"
          hint="The six digits from your authenticator app, or one of your recovery codes."
          error={missing.code}
        >
          <Input
            name="code"
            autoComplete="one-time-code"
            autoFocus
            {...fieldAria("code", missing.code, "hint")}
          />
        </FormField>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : needsCode ? "Verify and sign in" : "Sign in"}
      </Button>
      <p className="text-sm">
        <Link href="/forgot-password" className="font-medium text-indigo-700 hover:underline">
          Forgot your password?
        </Link>
      </p>
    </form>
  );
}
