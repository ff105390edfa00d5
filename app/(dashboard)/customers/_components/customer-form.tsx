"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { FieldErrors } from "@/lib/errors";
import { createCustomerAction, updateCustomerAction } from "../actions";

type CustomerValues = { name: string; email: string; phone: string; address: string; taxId: string };

export function CustomerForm({ customerId, initial }: { customerId?: string; initial?: CustomerValues }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    startTransition(async () => {
      const result = customerId
        ? await updateCustomerAction({ customerId, fields })
        : await createCustomerAction(fields);
      if (!result.ok) {
        // Update errors are nested under "fields."; strip it so both forms share field names.
        const fieldErrors = Object.fromEntries(
          Object.entries(result.error.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^fields\./, ""), v]),
        );
        setErrors(fieldErrors);
        setFormError(result.error.message);
        return;
      }
      router.push(`/customers/${result.data.id}`);
      router.refresh();
    });
  }

  const err = (field: string) => errors[field]?.[0];
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      {formError && <Alert tone="danger">{formError}</Alert>}
      <FormField id="name" label="Name" error={err("name")}>
        <Input name="name" defaultValue={initial?.name} required {...fieldAria("name", err("name"))} />
      </FormField>
      <FormField id="email" label="Email" hint="Where invoices are sent. Optional." error={err("email")}>
        <Input
          name="email"
          type="email"
          defaultValue={initial?.email}
          {...fieldAria("email", err("email"))}
        />
      </FormField>
      <FormField id="phone" label="Phone" error={err("phone")}>
        <Input name="phone" type="tel" defaultValue={initial?.phone} {...fieldAria("phone", err("phone"))} />
      </FormField>
      <FormField id="address" label="Billing address" error={err("address")}>
        <Textarea
          name="address"
          rows={3}
          defaultValue={initial?.address}
          {...fieldAria("address", err("address"))}
        />
      </FormField>
      <FormField
        id="taxId"
        label="Tax ID"
        hint="VAT or other tax number, if the customer has one."
        error={err("taxId")}
      >
        <Input name="taxId" defaultValue={initial?.taxId} {...fieldAria("taxId", err("taxId"))} />
      </FormField>
      <div className="flex gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : customerId ? "Save changes" : "Add customer"}
        </Button>
        <Button type="button" variant="outline" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
