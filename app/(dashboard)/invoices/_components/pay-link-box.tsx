"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

export function PayLinkBox({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard access can be refused; the link stays selectable in the field.
      setCopied(false);
    }
  }

  return (
    <div className="rounded-lg border border-indigo-200 bg-indigo-50 p-4">
      <label htmlFor="pay-link" className="block text-sm font-medium text-indigo-900">
        Pay link — share it with your customer
      </label>
      <div className="mt-2 flex flex-col gap-2 sm:flex-row">
        <input
          id="pay-link"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="min-h-10 w-full rounded-md border border-indigo-200 bg-white px-3 font-mono text-sm"
        />
        <Button variant="secondary" onClick={copy}>
          {copied ? "Copied" : "Copy link"}
        </Button>
      </div>
      <p className="sr-only" aria-live="polite">
        {copied ? "Pay link copied" : ""}
      </p>
    </div>
  );
}
