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

type Frequency = "weekly" | "monthly" | "quarterly" | "yearly";

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
    const maxRuns = String(form.get("maxRuns") ?? "").trim();
    save.execute({
      scheduleId: values.scheduleId,
      templateInvoiceId: String(form.get("templateInvoiceId") ?? ""),
      frequency,
      lastDayOfMonth: form.get("lastDayOfMonth") === "on",
      nextRunOn: String(form.get("nextRunOn") ?? ""),
      endOn: String(form.get("endOn") ?? "") || null,
      maxRuns: maxRuns ? Number(maxRuns) : null,
      autoSend: form.get("autoSend") === "on",
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
      {frequency !== "weekly" && (
        <label className="flex items-center gap-2">
          <input type="checkbox" name="lastDayOfMonth" defaultChecked={values.lastDayOfMonth} /> On the last
          day of the month instead
        </label>
      )}
      <FormField id="endOn" label="Last invoice on or before" optional error={save.fieldError("endOn")}>
        <Input
          type="date"
          name="endOn"
          defaultValue={values.endOn ?? ""}
          {...fieldAria("endOn", save.fieldError("endOn"))}
        />
      </FormField>
      <FormField id="maxRuns" label="Number of invoices in all" optional error={save.fieldError("maxRuns")}>
        <Input
          type="number"
          name="maxRuns"
          min={1}
          max={1000}
          defaultValue={values.maxRuns ?? ""}
          {...fieldAria("maxRuns", save.fieldError("maxRuns"))}
        />
      </FormField>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="autoSend" defaultChecked={values.autoSend} /> Send each invoice and email
        it to the customer
      </label>
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
