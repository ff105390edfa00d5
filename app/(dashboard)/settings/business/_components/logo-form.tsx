"use client";

import { useRouter } from "next/navigation";
import { type ChangeEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { removeLogoAction, uploadLogoAction } from "../actions";

// The server checks the file by its content; this only turns it into text the action can carry.
async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function LogoForm({ hasLogo }: { hasLogo: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const upload = useServerAction(uploadLogoAction, {
    onSuccess: () => {
      setMessage("Logo saved.");
      router.refresh();
    },
  });
  const remove = useServerAction(removeLogoAction, {
    onSuccess: () => {
      setMessage("Logo removed.");
      router.refresh();
    },
  });

  async function onChange(event: ChangeEvent<HTMLInputElement>) {
    setMessage(null);
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    upload.execute({ dataBase64: await toBase64(file) });
    event.currentTarget.value = "";
  }

  const error = upload.fieldError("logo") ?? upload.fieldError("dataBase64") ?? upload.formError;
  return (
    <section aria-labelledby="logo-heading" className="max-w-xl space-y-3">
      <h2 id="logo-heading" className="text-lg font-semibold">
        Logo
      </h2>
      <p className="text-sm text-slate-600">
        PNG or JPEG, at most 512 kB and 4000 × 4000 pixels. {hasLogo ? "A logo is set." : "No logo yet."}
      </p>
      {error && <Alert tone="danger">{error}</Alert>}
      {message && <Alert tone="success">{message}</Alert>}
      <div className="flex items-center gap-3">
        <label className="text-sm font-medium">
          <span className="sr-only">Upload a logo</span>
          <input
            type="file"
            accept="image/png,image/jpeg"
            name="logo"
            onChange={onChange}
            disabled={upload.pending}
          />
        </label>
        {hasLogo && (
          <Button
            type="button"
            variant="outline"
            disabled={remove.pending}
            onClick={() => remove.execute({})}
          >
            Remove logo
          </Button>
        )}
      </div>
    </section>
  );
}
