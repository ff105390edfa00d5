"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { pauseCustomerRemindersAction, pauseInvoiceRemindersAction } from "../actions";

/**
 * On an invoice or a customer: whether automatic reminders go out, and a button to pause or resume
 * them (a customer's pause covers all of their invoices).
 */
export function ReminderPauseToggle({
  target,
  id,
  paused,
}: {
  target: "invoice" | "customer";
  id: string;
  paused: boolean;
}) {
  const router = useRouter();
  const action = target === "invoice" ? pauseInvoiceRemindersAction : pauseCustomerRemindersAction;
  const toggle = useServerAction(action, { onSuccess: () => router.refresh() });
  const what = target === "invoice" ? "this invoice" : "this customer's invoices";
  return (
    <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
      <span>
        {paused ? `Automatic reminders are paused for ${what}.` : `Automatic reminders are on for ${what} `}
        {!paused && <Link href="/settings/reminders">(schedule)</Link>}
      </span>
      <Button
        type="button"
        variant="outline"
        disabled={toggle.pending}
        onClick={() => toggle.execute({ id, paused: !paused })}
      >
        {paused ? "Resume reminders" : "Pause reminders"}
      </Button>
      {toggle.formError && <span className="text-red-700">{toggle.formError}</span>}
    </div>
  );
}
