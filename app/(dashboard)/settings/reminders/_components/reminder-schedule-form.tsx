"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { saveReminderScheduleAction } from "../actions";

/** "-3, 0, 7, 14" → numbers; anything that is not an integer is left for the server to refuse by name. */
function parseDays(text: string): number[] {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((part) => (/^[+-]?\d+$/.test(part) ? Number(part) : Number.NaN));
}

export function ReminderScheduleForm({ initial }: { initial: { enabled: boolean; offsetsDays: number[] } }) {
  const router = useRouter();
  const [enabled, setEnabled] = useState(initial.enabled);
  const [days, setDays] = useState(initial.offsetsDays.join(", "));
  const [saved, setSaved] = useState(false);
  const save = useServerAction(saveReminderScheduleAction, {
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.execute({ enabled, offsetsDays: parseDays(days) });
  }

  const daysError = Object.entries(save.error?.fieldErrors ?? {})
    .filter(([key]) => key.startsWith("offsetsDays"))
    .flatMap(([, messages]) => messages)[0];
  return (
    <form onSubmit={onSubmit} className="max-w-xl space-y-4" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading" className="text-lg font-semibold">
        Schedule
      </h2>
      {save.formError && !daysError && <Alert tone="danger">{save.formError}</Alert>}
      {saved && <Alert tone="success">Reminder schedule saved.</Alert>}
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        Send payment reminders automatically
      </label>
      <div className="space-y-1">
        <label htmlFor="reminder-days" className="block text-sm font-medium">
          Days relative to the due date
        </label>
        <input
          id="reminder-days"
          name="offsetsDays"
          className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          value={days}
          onChange={(e) => setDays(e.currentTarget.value)}
          aria-describedby="reminder-days-help"
          aria-invalid={daysError ? true : undefined}
        />
        <p id="reminder-days-help" className="text-sm text-slate-600">
          Negative numbers are days before the due date, 0 is the due date itself. Example: -3, 0, 7, 14.
        </p>
        {daysError && <p className="text-sm text-red-700">{daysError}</p>}
      </div>
      <Button type="submit" disabled={save.pending}>
        Save schedule
      </Button>
    </form>
  );
}
