"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useServerAction } from "@/components/use-server-action";
import { type FormatPreferences, formatDay } from "@/lib/format";
import { editRecurringScheduleAction } from "../actions";
import { cadenceFromForm, type Frequency, FrequencyField, ScheduleEndFields } from "./cadence-fields";

export type EditScheduleValues = {
  scheduleId: string;
  templateInvoiceId: string;
  frequency: Frequency;
  lastDayOfMonth: boolean;
  nextRunOn: string;
  endOn: string | null;
  maxRuns: number | null;
  autoSend: boolean;
};

/** Edits a live schedule; a new cadence or next date starts the series again from that date. */
export function EditScheduleForm({
  values,
  templates,
  format,
}: {
  values: EditScheduleValues;
  templates: { id: string; label: string }[];
  /** The seller's locale preferences: the saved next date reads as every other date does. */
  format: FormatPreferences;
}) {
  const router = useRouter();
  const [frequency, setFrequency] = useState<Frequency>(values.frequency);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useServerAction(editRecurringScheduleAction, {
    onSuccess: (data) => {
      setSaved(data.nextRunOn);
      router.refresh();
    },
  });
  function submit(form: FormData) {
    setSaved(null);
    save.execute({
      scheduleId: values.scheduleId,
      templateInvoiceId: String(form.get("templateInvoiceId") ?? ""),
      frequency,
      nextRunOn: String(form.get("nextRunOn") ?? ""),
      ...cadenceFromForm(form),
    });
  }
  return (
    <form action={submit} className="grid max-w-md gap-3 text-sm" aria-label="Edit schedule">
      <FormField id="templateInvoiceId" label="Copy invoice" error={save.fieldError("templateInvoiceId")}>
        <Select
          name="templateInvoiceId"
          defaultValue={values.templateInvoiceId}
          {...fieldAria("templateInvoiceId", save.fieldError("templateInvoiceId"))}
        >
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </Select>
      </FormField>
      <FrequencyField value={frequency} onChange={setFrequency} fieldError={save.fieldError} />
      <FormField
        id="nextRunOn"
        label="Next invoice on"
        error={save.fieldError("nextRunOn")}
        hint="A new cadence or date starts the series again from this day; earlier days are not issued."
      >
        <Input
          type="date"
          name="nextRunOn"
          required
          defaultValue={values.nextRunOn}
          {...fieldAria("nextRunOn", save.fieldError("nextRunOn"))}
        />
      </FormField>
      <ScheduleEndFields
        frequency={frequency}
        fieldError={save.fieldError}
        maxRunsLabel="Number of invoices in all"
        defaults={values}
      />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={save.pending}>
          Save schedule
        </Button>
        {saved && (
          <output className="text-emerald-700">Saved. Next invoice on {formatDay(saved, format)}.</output>
        )}
        {save.formError && <span className="text-red-700">{save.formError}</span>}
      </div>
    </form>
  );
}
