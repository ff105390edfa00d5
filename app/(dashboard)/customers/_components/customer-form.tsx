"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useServerAction } from "@/components/use-server-action";
import { createCustomerAction, updateCustomerAction } from "../actions";

type CustomerValues = { name: string; email: string; phone: string; address: string; taxId: string };

export function CustomerForm({ customerId, initial }: { customerId?: string; initial?: CustomerValues }) {
  const router = useRouter();
  const save = useServerAction(customerId ? updateCustomerAction : createCustomerAction, {
    onSuccess: ({ id }) => {
      router.push(`/customers/${id}`);
      router.refresh();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.execute({ ...Object.fromEntries(new FormData(event.currentTarget)), customerId });
  }

  const err = save.fieldError;
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      {save.formError && <Alert tone="danger">{save.formError}</Alert>}
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
        <Button type="submit" disabled={save.pending}>
          {save.pending ? "Saving…" : customerId ? "Save changes" : "Add customer"}
        </Button>
        <Button type="button" variant="outline" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
