"use client";

import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

// The cadence and end of a schedule, the same on "Make recurring" and on a schedule's edit form (their
// values are checked by one definition too: lib/recurring/input.ts).

export type Frequency = "weekly" | "monthly" | "quarterly" | "yearly";

type FieldError = (name: string) => string | undefined;

/** Read from a submitted form as the schedule actions take them. */
export function cadenceFromForm(form: FormData) {
  const maxRuns = String(form.get("maxRuns") ?? "").trim();
  return {
    lastDayOfMonth: form.get("lastDayOfMonth") === "on",
    endOn: String(form.get("endOn") ?? "") || null,
    maxRuns: maxRuns ? Number(maxRuns) : null,
    autoSend: form.get("autoSend") === "on",
  };
}

export function FrequencyField(props: {
  value: Frequency;
  onChange: (value: Frequency) => void;
  fieldError: FieldError;
}) {
  const error = props.fieldError("frequency");
  return (
    <FormField id="frequency" label="Every" error={error}>
      <Select
        {...fieldAria("frequency", error)}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as Frequency)}
      >
        <option value="weekly">Week</option>
        <option value="monthly">Month</option>
        <option value="quarterly">Quarter</option>
        <option value="yearly">Year</option>
      </Select>
    </FormField>
  );
}

/** "The month's last day" (not for weekly runs), when it ends, how many, and whether each is sent. */
export function ScheduleEndFields(props: {
  frequency: Frequency;
  fieldError: FieldError;
  maxRunsLabel: string;
  defaults?: { lastDayOfMonth: boolean; endOn: string | null; maxRuns: number | null; autoSend: boolean };
}) {
  const { fieldError, defaults } = props;
  return (
    <>
      {props.frequency !== "weekly" && (
        <label className="flex items-center gap-2">
          <input type="checkbox" name="lastDayOfMonth" defaultChecked={defaults?.lastDayOfMonth ?? false} />{" "}
          On the last day of the month instead
        </label>
      )}
      <FormField id="endOn" label="Last invoice on or before" optional error={fieldError("endOn")}>
        <Input
          type="date"
          name="endOn"
          defaultValue={defaults?.endOn ?? ""}
          {...fieldAria("endOn", fieldError("endOn"))}
        />
      </FormField>
      <FormField id="maxRuns" label={props.maxRunsLabel} optional error={fieldError("maxRuns")}>
        <Input
          type="number"
          name="maxRuns"
          min={1}
          max={1000}
          defaultValue={defaults?.maxRuns ?? ""}
          {...fieldAria("maxRuns", fieldError("maxRuns"))}
        />
      </FormField>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="autoSend" defaultChecked={defaults?.autoSend ?? true} /> Send each
        invoice and email it to the customer
      </label>
    </>
  );
}
