"use client";

import { RoundingRow } from "@/components/rounding-row";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/errors";
import { type FormatPreferences, formatMoney } from "@/lib/format";
import type { LiveTotals } from "./live-totals";

export type LineDraft = {
  key: string;
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
};

export function newLine(): LineDraft {
  return { key: crypto.randomUUID(), description: "", quantity: "1", unitPrice: "", taxRate: "" };
}

type Props = {
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  errors: FieldErrors;
  currency: string;
  totals: LiveTotals;
  format: FormatPreferences;
};

const FIELDS = [
  { name: "description", label: "Description", className: "sm:col-span-5", inputMode: undefined },
  { name: "quantity", label: "Quantity", className: "sm:col-span-2", inputMode: "decimal" },
  { name: "unitPrice", label: "Unit price", className: "sm:col-span-2", inputMode: "decimal" },
  { name: "taxRate", label: "Tax %", className: "sm:col-span-1", inputMode: "decimal" },
] as const;

export function LineItemsEditor({ lines, onChange, errors, currency, totals, format }: Props) {
  const update = (key: string, field: keyof LineDraft, value: string) =>
    onChange(lines.map((line) => (line.key === key ? { ...line, [field]: value } : line)));
  const money = (minor: number | null | undefined) =>
    minor == null ? "—" : formatMoney(minor, currency, format);

  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium">Line items</legend>
      {errors.items?.[0] && (
        <p className="text-sm text-red-700" id="items-error">
          {errors.items[0]}
        </p>
      )}
      <ol className="space-y-3">
        {lines.map((line, index) => (
          <li
            key={line.key}
            className="grid gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-12 sm:items-start"
          >
            {FIELDS.map((field) => {
              const id = `items-${index}-${field.name}`;
              const error = errors[`items.${index}.${field.name}`]?.[0];
              return (
                <div key={field.name} className={field.className}>
                  <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
                    {field.label} <span className="sr-only">(line {index + 1})</span>
                  </label>
                  <Input
                    id={id}
                    value={line[field.name]}
                    inputMode={field.inputMode}
                    onChange={(e) => update(line.key, field.name, e.target.value)}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                  />
                  {error && (
                    <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
                      {error}
                    </p>
                  )}
                </div>
              );
            })}
            <div className="flex items-center justify-between gap-2 sm:col-span-2 sm:flex-col sm:items-end">
              <span className="text-xs font-medium text-slate-600 sm:mb-1">Amount</span>
              <span className="tabular-nums" data-testid={`line-total-${index}`}>
                {money(totals.lines[index])}
              </span>
              {lines.length > 1 && (
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  onClick={() => onChange(lines.filter((l) => l.key !== line.key))}
                  aria-label={`Remove line ${index + 1}`}
                >
                  Remove
                </Button>
              )}
            </div>
          </li>
        ))}
      </ol>
      <Button type="button" variant="outline" size="sm" onClick={() => onChange([...lines, newLine()])}>
        Add line
      </Button>
      <dl className="ml-auto w-full max-w-xs space-y-1 text-sm">
        <div className="flex justify-between">
          <dt className="text-slate-600">Subtotal</dt>
          <dd className="tabular-nums">{money(totals.invoice?.subtotalMinor)}</dd>
        </div>
        <div className="flex justify-between">
          <dt className="text-slate-600">Tax</dt>
          <dd className="tabular-nums">{money(totals.invoice?.taxMinor)}</dd>
        </div>
        <RoundingRow roundingMinor={totals.invoice?.roundingMinor ?? 0} currency={currency} money={money} />
        <div className="flex justify-between border-t border-slate-200 pt-1 font-semibold">
          <dt>Total</dt>
          <dd className="tabular-nums" data-testid="invoice-total">
            {money(totals.invoice?.totalMinor)}
          </dd>
        </div>
      </dl>
    </fieldset>
  );
}
