"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useServerAction } from "@/components/use-server-action";
import type { FormatPreferences } from "@/lib/format";
import type { InvoiceFormInput } from "@/lib/invoices/schema";
import { createInvoiceAction, updateInvoiceAction } from "../actions";
import { type LineDraft, LineItemsEditor, newLine } from "./line-items-editor";
import { liveTotals } from "./live-totals";

export type InvoiceFormInitial = Omit<InvoiceFormInput, "items"> & { items: Omit<LineDraft, "key">[] };

type Props = {
  invoiceId?: string;
  customers: { id: string; name: string }[];
  currencies: readonly string[];
  initial: InvoiceFormInitial;
  format: FormatPreferences;
};

export function InvoiceForm({ invoiceId, customers, currencies, initial, format }: Props) {
  const router = useRouter();
  const save = useServerAction(invoiceId ? updateInvoiceAction : createInvoiceAction, {
    onSuccess: ({ id }) => {
      router.push(`/invoices/${id}`);
      router.refresh();
    },
  });
  const [currency, setCurrency] = useState(initial.currency);
  const [allowPartial, setAllowPartial] = useState(initial.allowPartialPayments ?? false);
  const [lines, setLines] = useState<LineDraft[]>(() =>
    initial.items.length > 0
      ? initial.items.map((item) => ({ ...item, key: crypto.randomUUID() }))
      : [newLine()],
  );
  const totals = useMemo(() => liveTotals(lines, currency), [lines, currency]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values: InvoiceFormInput = {
      customerId: String(form.get("customerId") ?? ""),
      currency,
      issueDate: String(form.get("issueDate") ?? ""),
      dueDate: String(form.get("dueDate") ?? ""),
      notes: String(form.get("notes") ?? ""),
      allowPartialPayments: allowPartial,
      partialMinimum: String(form.get("partialMinimum") ?? ""),
      items: lines.map(({ description, quantity, unitPrice, taxRate }) => ({
        description,
        quantity,
        unitPrice,
        taxRate,
      })),
    };
    save.execute({ ...values, invoiceId });
  }

  const err = save.fieldError;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {save.formError && <Alert tone="danger">{save.formError}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="customerId" label="Customer" error={err("customerId")}>
          <Select
            name="customerId"
            defaultValue={initial.customerId}
            required
            {...fieldAria("customerId", err("customerId"))}
          >
            <option value="">Choose a customer…</option>
            {customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="currency" label="Currency" error={err("currency")}>
          <Select
            name="currency"
            value={currency}
            onChange={(e) => setCurrency(e.target.value)}
            {...fieldAria("currency", err("currency"))}
          >
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c.toUpperCase()}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField id="issueDate" label="Issue date" error={err("issueDate")}>
          <Input
            name="issueDate"
            type="date"
            defaultValue={initial.issueDate}
            required
            {...fieldAria("issueDate", err("issueDate"))}
          />
        </FormField>
        <FormField id="dueDate" label="Due date" error={err("dueDate")}>
          <Input
            name="dueDate"
            type="date"
            defaultValue={initial.dueDate}
            required
            {...fieldAria("dueDate", err("dueDate"))}
          />
        </FormField>
      </div>

      <LineItemsEditor
        lines={lines}
        onChange={setLines}
        errors={save.fieldErrors}
        currency={currency}
        totals={totals}
        format={format}
      />

      <FormField
        id="notes"
        label="Notes"
        hint="Shown to your customer, e.g. payment terms."
        error={err("notes")}
      >
        <Textarea
          name="notes"
          rows={3}
          defaultValue={initial.notes ?? ""}
          {...fieldAria("notes", err("notes"))}
        />
      </FormField>

      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium">Partial payments</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="allowPartialPayments"
            checked={allowPartial}
            onChange={(e) => setAllowPartial(e.target.checked)}
            className="size-4 rounded border-slate-300"
          />
          Let the customer pay part of the invoice
        </label>
        {allowPartial && (
          <FormField id="partialMinimum" label="Minimum part payment" error={err("partialMinimum")}>
            <Input
              name="partialMinimum"
              inputMode="decimal"
              defaultValue={initial.partialMinimum ?? ""}
              className="max-w-40"
              {...fieldAria("partialMinimum", err("partialMinimum"))}
            />
          </FormField>
        )}
      </fieldset>

      <div className="flex gap-3">
        <Button type="submit" disabled={save.pending}>
          {save.pending ? "Saving…" : invoiceId ? "Save changes" : "Save draft"}
        </Button>
        <Button type="button" variant="outline" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
