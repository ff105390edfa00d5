"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useServerAction } from "@/components/use-server-action";
import { confirmTotpAction, startTotpAction } from "../actions";

/** Turning two-factor on: scan (or type) the secret, confirm one code, keep the recovery codes. */
export function TwoFactorSetup() {
  const router = useRouter();
  const [enrolment, setEnrolment] = useState<{ secret: string; qrDataUrl: string } | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const start = useServerAction(startTotpAction, { onSuccess: (data) => setEnrolment(data) });
  const confirm = useServerAction(confirmTotpAction, {
    onSuccess: (data) => setRecoveryCodes(data.recoveryCodes),
  });

  if (recoveryCodes) {
    return (
      <div className="space-y-3">
        <Alert tone="success">Two-factor sign-in is on.</Alert>
        <p className="text-sm text-slate-700">
          Keep these recovery codes somewhere safe. Each one signs you in once if you lose your phone; they
          are not shown again.
        </p>
        <ul aria-label="Recovery codes" className="grid max-w-xs grid-cols-2 gap-1 font-mono text-sm">
          {recoveryCodes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <Button onClick={() => router.refresh()}>I have saved them</Button>
      </div>
    );
  }

  if (!enrolment) {
    return (
      <div className="space-y-3">
        {start.formError && <Alert tone="danger">{start.formError}</Alert>}
        <Button onClick={() => start.execute({})} disabled={start.pending}>
          Turn on two-factor sign-in
        </Button>
      </div>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    confirm.execute({ code: String(new FormData(event.currentTarget).get("code") ?? "") });
  }
  const err = confirm.fieldError("code");
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Confirm two-factor sign-in">
      <p className="text-sm text-slate-700">
        Scan this code with an authenticator app (1Password, Google Authenticator, Authy…), then enter the six
        digits it shows.
      </p>
      {/* biome-ignore lint/performance/noImgElement: a data: URL drawn on the server, nothing to optimise. */}
      <img src={enrolment.qrDataUrl} alt="QR code for your authenticator app" width={220} height={220} />
      <p className="text-sm text-slate-600">
        Cannot scan? Enter this key instead:{" "}
        <code className="break-all font-mono" data-testid="totp-secret">
          {enrolment.secret}
        </code>
      </p>
      {confirm.formError && !err && <Alert tone="danger">{confirm.formError}</Alert>}
      <FormField id="code" label="Six-digit code" error={err} className="max-w-xs">
        <Input name="code" inputMode="numeric" autoComplete="one-time-code" {...fieldAria("code", err)} />
      </FormField>
      <Button type="submit" disabled={confirm.pending}>
        Confirm
      </Button>
    </form>
  );
}
