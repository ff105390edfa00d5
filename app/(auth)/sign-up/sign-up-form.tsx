"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useServerAction } from "@/components/use-server-action";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/credentials";
import { signUp } from "./actions";

export function SignUpForm() {
  const router = useRouter();
  const signUpAction = useServerAction(signUp, {
    onSuccess: async (_account, input: Record<string, string>) => {
      const signedIn = await signIn("credentials", {
        email: input.email,
        password: input.password,
        redirect: false,
      });
      if (signedIn?.error) {
        router.push("/sign-in");
        return;
      }
      router.push("/dashboard");
      router.refresh();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    // The browser's language and time zone become the account's first format preferences; the server
    // checks them and falls back if this browser reports something Intl does not know.
    signUpAction.execute({
      ...fields,
      locale: navigator.language,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  }

  const err = signUpAction.fieldError;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {signUpAction.formError && <Alert tone="danger">{signUpAction.formError}</Alert>}
      <FormField id="name" label="Your name" error={err("name")}>
        <Input name="name" autoComplete="name" required {...fieldAria("name", err("name"))} />
      </FormField>
      <FormField
        id="businessName"
        label="Business name"
        hint="Shown on your invoices."
        error={err("businessName")}
      >
        <Input
          name="businessName"
          autoComplete="organization"
          required
          {...fieldAria("businessName", err("businessName"))}
        />
      </FormField>
      <FormField id="email" label="Email" error={err("email")}>
        <Input
          name="email"
          type="email"
          autoComplete="email"
          required
          {...fieldAria("email", err("email"))}
        />
      </FormField>
      <FormField
        id="password"
        label="Password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        error={err("password")}
      >
        <Input
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          {...fieldAria("password", err("password"))}
        />
      </FormField>
      <Button type="submit" className="w-full" disabled={signUpAction.pending}>
        {signUpAction.pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
