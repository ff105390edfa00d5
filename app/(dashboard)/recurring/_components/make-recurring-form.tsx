"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useServerAction } from "@/components/use-server-action";
import { createRecurringScheduleAction } from "../actions";
import { cadenceFromForm, type Frequency, FrequencyField, ScheduleEndFields } from "./cadence-fields";

/** "Make recurring": a schedule that copies this invoice (customer, currency, lines) on each run. */
export function MakeRecurringForm({ invoiceId }: { invoiceId: string }) {
  const router = useRouter();
  const [frequency, setFrequency] = useState<Frequency>("monthly");
  const save = useServerAction(createRecurringScheduleAction, { onSuccess: () => router.push("/recurring") });
  function submit(form: FormData) {
    save.execute({
      templateInvoiceId: invoiceId,
      frequency,
      startOn: String(form.get("startOn") ?? ""),
      ...cadenceFromForm(form),
    });
  }
  return (
    <details className="mt-4 text-sm">
      <summary className="cursor-pointer font-medium">Make recurring</summary>
      <form action={submit} className="mt-3 grid max-w-md gap-3">
        <FrequencyField value={frequency} onChange={setFrequency} fieldError={save.fieldError} />
        <FormField
          id="startOn"
          label="First invoice on"
          error={save.fieldError("startOn")}
          hint="Later runs fall on the same day (the month's last day when shorter), in your business time zone."
        >
          <Input type="date" name="startOn" required {...fieldAria("startOn", save.fieldError("startOn"))} />
        </FormField>
        <ScheduleEndFields
          frequency={frequency}
          fieldError={save.fieldError}
          maxRunsLabel="Number of invoices"
        />
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
