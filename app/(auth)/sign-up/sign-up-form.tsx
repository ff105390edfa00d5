"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/credentials";
import type { FieldErrors } from "@/lib/errors";
import { signUp } from "./actions";

export function SignUpForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    startTransition(async () => {
      setFormError(null);
      const result = await signUp(data);
      if (!result.ok) {
        setErrors(result.error.fieldErrors ?? {});
        if (!result.error.fieldErrors) setFormError(result.error.message);
        return;
      }
      setErrors({});
      const signedIn = await signIn("credentials", {
        email: data.email,
        password: data.password,
        redirect: false,
      });
      if (signedIn?.error) {
        router.push("/sign-in");
        return;
      }
      router.push("/dashboard");
      router.refresh();
    });
  }

  const err = (field: string) => errors[field]?.[0];
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError && <Alert tone="danger">{formError}</Alert>}
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
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
