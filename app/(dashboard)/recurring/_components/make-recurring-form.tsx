"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useServerAction } from "@/components/use-server-action";
import { createRecurringScheduleAction } from "../actions";

type Frequency = "weekly" | "monthly" | "quarterly" | "yearly";

/** "Make recurring": a schedule that copies this invoice (customer, currency, lines) on each run. */
export function MakeRecurringForm({ invoiceId }: { invoiceId: string }) {
  const router = useRouter();
  const [frequency, setFrequency] = useState<Frequency>("monthly");
  const save = useServerAction(createRecurringScheduleAction, { onSuccess: () => router.push("/recurring") });
  function submit(form: FormData) {
    const maxRuns = String(form.get("maxRuns") ?? "").trim();
    save.execute({
      templateInvoiceId: invoiceId,
      frequency,
      lastDayOfMonth: form.get("lastDayOfMonth") === "on",
      startOn: String(form.get("startOn") ?? ""),
      endOn: String(form.get("endOn") ?? "") || null,
      maxRuns: maxRuns ? Number(maxRuns) : null,
      autoSend: form.get("autoSend") === "on",
    });
  }
  return (
    <details className="mt-4 text-sm">
      <summary className="cursor-pointer font-medium">Make recurring</summary>
      <form action={submit} className="mt-3 grid max-w-md gap-3">
        <FormField id="frequency" label="Every" error={save.fieldError("frequency")}>
          <Select
            {...fieldAria("frequency", save.fieldError("frequency"))}
            value={frequency}
            onChange={(e) => setFrequency(e.target.value as Frequency)}
          >
            <option value="weekly">Week</option>
            <option value="monthly">Month</option>
            <option value="quarterly">Quarter</option>
            <option value="yearly">Year</option>
          </Select>
        </FormField>
        <FormField
          id="startOn"
          label="First invoice on"
          error={save.fieldError("startOn")}
          hint="Later runs fall on the same day (the month's last day when shorter), in your business time zone."
        >
          <Input type="date" name="startOn" required {...fieldAria("startOn", save.fieldError("startOn"))} />
        </FormField>
        {frequency !== "weekly" && (
          <label className="flex items-center gap-2">
            <input type="checkbox" name="lastDayOfMonth" /> On the last day of the month instead
          </label>
        )}
        <FormField id="endOn" label="Last invoice on or before" optional error={save.fieldError("endOn")}>
          <Input type="date" name="endOn" {...fieldAria("endOn", save.fieldError("endOn"))} />
        </FormField>
        <FormField id="maxRuns" label="Number of invoices" optional error={save.fieldError("maxRuns")}>
          <Input
            type="number"
            name="maxRuns"
            min={1}
            max={1000}
            {...fieldAria("maxRuns", save.fieldError("maxRuns"))}
          />
        </FormField>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="autoSend" defaultChecked /> Send each invoice and email it to the
          customer
        </label>
        <p className="text-slate-500">
          If the app was down on a run day, that run's invoice is issued as soon as it is back. Runs that fall
          while the schedule is paused are skipped.
        </p>
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={save.pending}>
            Create schedule
          </Button>
          {save.formError && <span className="text-red-700">{save.formError}</span>}
        </div>
      </form>
    </details>
  );
}
