"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useServerAction } from "@/components/use-server-action";
import { saveBusinessProfileAction } from "../actions";

type Values = {
  legalName: string;
  tradingName: string;
  address: string;
  taxId: string;
  contactEmail: string;
  phone: string;
  brandColour: string;
  invoicePrefix: string;
  nextInvoiceNumber: string;
  paymentTermsDays: string;
  defaultNotes: string;
  footer: string;
  invoiceEmailSubject: string;
  invoiceEmailMessage: string;
  defaultCurrency: string;
  locale: string;
  timeZone: string;
};

const TEXT_FIELDS: { name: keyof Values; label: string; hint?: string; type?: string }[] = [
  {
    name: "tradingName",
    label: "Trading name",
    hint: "The name customers know you by; shown at the top of documents.",
  },
  {
    name: "legalName",
    label: "Legal name",
    hint: "If it differs from the trading name, e.g. Acme Studio Ltd.",
  },
  { name: "taxId", label: "Tax or VAT registration number" },
  {
    name: "contactEmail",
    label: "Contact email",
    hint: "Shown to customers and used for their replies.",
    type: "email",
  },
  { name: "phone", label: "Phone", type: "tel" },
];

export function BusinessProfileForm({ initial }: { initial: Values }) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const save = useServerAction(saveBusinessProfileAction, {
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    save.execute(Object.fromEntries(new FormData(event.currentTarget)));
  }

  const err = save.fieldError;
  const field = (name: keyof Values, label: string, hint?: string, type?: string) => (
    <FormField key={name} id={name} label={label} hint={hint} error={err(name)}>
      <Input name={name} type={type} defaultValue={initial[name]} {...fieldAria(name, err(name))} />
    </FormField>
  );
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-4" aria-label="Business profile">
      {save.formError && <Alert tone="danger">{save.formError}</Alert>}
      {saved && <Alert tone="success">Business profile saved.</Alert>}
      {TEXT_FIELDS.map((f) => field(f.name, f.label, f.hint, f.type))}
      <FormField id="address" label="Address" error={err("address")}>
        <Textarea
          name="address"
          rows={4}
          defaultValue={initial.address}
          {...fieldAria("address", err("address"))}
        />
      </FormField>
      {field("brandColour", "Brand colour", "Used for titles and rules on documents, e.g. #0f766e.")}
      {field("invoicePrefix", "Invoice number prefix", "Letters, digits and - _ / . — e.g. INV- or 2026/.")}
      {field(
        "nextInvoiceNumber",
        "Next invoice number",
        "Can only move forward, so no number is used twice.",
      )}
      {field("paymentTermsDays", "Payment terms (days)", "New invoices are due this many days after issue.")}
      {field("defaultCurrency", "Default currency", "Three letters, e.g. GBP.")}
      {field("locale", "Language and region", "How dates and amounts are written, e.g. en-GB, en-US, de-DE.")}
      {field("timeZone", "Time zone", "e.g. Europe/London.")}
      <FormField
        id="defaultNotes"
        label="Default notes"
        hint="Pre-filled on new invoices."
        error={err("defaultNotes")}
      >
        <Textarea
          name="defaultNotes"
          rows={3}
          defaultValue={initial.defaultNotes}
          {...fieldAria("defaultNotes", err("defaultNotes"))}
        />
      </FormField>
      {field("footer", "Document footer", "Small print at the foot of every page, e.g. company number.")}
      {field(
        "invoiceEmailSubject",
        "Invoice email subject",
        "Where the send dialog starts; {number} and {business} are filled in.",
      )}
      <FormField
        id="invoiceEmailMessage"
        label="Invoice email message"
        hint="Where the send dialog's message starts; you can change it on each send."
        error={err("invoiceEmailMessage")}
      >
        <Textarea
          name="invoiceEmailMessage"
          rows={3}
          defaultValue={initial.invoiceEmailMessage}
          {...fieldAria("invoiceEmailMessage", err("invoiceEmailMessage"))}
        />
      </FormField>
      <Button type="submit" disabled={save.pending}>
        {save.pending ? "Saving…" : "Save business profile"}
      </Button>
    </form>
  );
}
