"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { pauseInvoiceRemindersAction } from "../actions";

/** On an invoice: whether automatic reminders go out for it, and a button to pause or resume them. */
export function ReminderPauseToggle({ invoiceId, paused }: { invoiceId: string; paused: boolean }) {
  const router = useRouter();
  const toggle = useServerAction(pauseInvoiceRemindersAction, { onSuccess: () => router.refresh() });
  return (
    <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
      <span>
        {paused ? "Automatic reminders are paused for this invoice." : "Automatic reminders are on "}
        {!paused && <Link href="/settings/reminders">(schedule)</Link>}
      </span>
      <Button
        type="button"
        variant="outline"
        disabled={toggle.pending}
        onClick={() => toggle.execute({ id: invoiceId, paused: !paused })}
      >
        {paused ? "Resume reminders" : "Pause reminders"}
      </Button>
      {toggle.formError && <span className="text-red-700">{toggle.formError}</span>}
    </div>
  );
}
