"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { Alert, type AlertTone } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldAria } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useServerAction } from "@/components/use-server-action";
import { formErrorOf } from "@/lib/action-result";
import { submitDisputeEvidenceAction } from "../dispute-actions";

type Outcome = { tone: AlertTone; text: string };

const HINTS = {
  explanation: "Why the charge is valid: what was agreed, what you delivered and when.",
  productDescription: "What the customer bought.",
  customerName: "The customer's name as you know it.",
  customerEmailAddress: "The address the customer used with you.",
  serviceDate: "When you delivered the work or service.",
};

/**
 * The answer to a dispute: the outcome of the last press stays shown after the page refreshes (the
 * form itself goes once the dispute no longer awaits evidence), like the refund panel's.
 */
export function DisputeEvidence({ disputeId, awaiting }: { disputeId: string; awaiting: boolean }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  return (
    <div className="space-y-4">
      {outcome && (
        <Alert tone={outcome.tone} data-testid="dispute-evidence-outcome">
          {outcome.text}
        </Alert>
      )}
      {awaiting && <DisputeEvidenceForm disputeId={disputeId} onOutcome={setOutcome} />}
    </div>
  );
}

/**
 * Text evidence for a dispute that needs a response: "Submit evidence" sends it for review (Stripe takes
 * one submission), "Save draft" keeps it on Stripe to finish before the deadline.
 */
function DisputeEvidenceForm({
  disputeId,
  onOutcome: setOutcome,
}: {
  disputeId: string;
  onOutcome: (outcome: Outcome | null) => void;
}) {
  const router = useRouter();
  const submitRef = useRef(true);
  const {
    execute,
    pending,
    fieldError: err,
  } = useServerAction(submitDisputeEvidenceAction, {
    onSuccess: ({ message, submitted }) => {
      setOutcome({ tone: submitted ? "success" : "info", text: message });
      router.refresh();
    },
    onError: (error) => {
      const text = formErrorOf(error);
      if (text) setOutcome({ tone: "danger", text });
      router.refresh();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOutcome(null);
    execute({
      ...Object.fromEntries(new FormData(event.currentTarget)),
      disputeId,
      submit: submitRef.current,
    });
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-4" aria-label="Dispute evidence">
        <FormField id="explanation" label="Explanation" hint={HINTS.explanation} error={err("explanation")}>
          <Textarea
            name="explanation"
            rows={5}
            {...fieldAria("explanation", err("explanation"), HINTS.explanation)}
          />
        </FormField>
        <FormField
          id="productDescription"
          label="What was sold"
          optional
          hint={HINTS.productDescription}
          error={err("productDescription")}
        >
          <Textarea
            name="productDescription"
            rows={2}
            {...fieldAria("productDescription", err("productDescription"), HINTS.productDescription)}
          />
        </FormField>
        <FormField
          id="customerName"
          label="Customer name"
          optional
          hint={HINTS.customerName}
          error={err("customerName")}
        >
          <Input
            name="customerName"
            {...fieldAria("customerName", err("customerName"), HINTS.customerName)}
          />
        </FormField>
        <FormField
          id="customerEmailAddress"
          label="Customer email"
          optional
          hint={HINTS.customerEmailAddress}
          error={err("customerEmailAddress")}
        >
          <Input
            name="customerEmailAddress"
            type="email"
            {...fieldAria("customerEmailAddress", err("customerEmailAddress"), HINTS.customerEmailAddress)}
          />
        </FormField>
        <FormField
          id="serviceDate"
          label="Date of service"
          optional
          hint={HINTS.serviceDate}
          error={err("serviceDate")}
        >
          <Input name="serviceDate" {...fieldAria("serviceDate", err("serviceDate"), HINTS.serviceDate)} />
        </FormField>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={pending} onClick={() => (submitRef.current = true)}>
            {pending ? "Sending…" : "Submit evidence"}
          </Button>
          <Button
            type="submit"
            variant="outline"
            disabled={pending}
            onClick={() => (submitRef.current = false)}
          >
            Save draft
          </Button>
        </div>
      </form>
    </div>
  );
}
