"use client";

import { FormField, fieldAria } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { EMAIL_MESSAGE_MAX } from "../email-schema";

type Props = {
  /** Unique on the page: the send dialog and the "Send by email" form can both be rendered. */
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
};

/** The seller's own words in an invoice email: the send dialog and the "Send by email" form share it. */
export function EmailMessageField({ id, value, onChange, error }: Props) {
  return (
    <FormField id={id} label="Message" optional error={error}>
      <Textarea
        {...fieldAria(id, error)}
        name="message"
        rows={3}
        maxLength={EMAIL_MESSAGE_MAX}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="Thanks for your business!"
      />
    </FormField>
  );
}
