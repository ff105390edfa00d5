"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/action";
import { sendDisputeEvidence } from "@/lib/disputes/evidence";
import { disputeEvidenceSchema } from "@/lib/disputes/schema";

/** Sends text evidence for one of the signed-in User's disputes (submitted, or saved as a draft). */
export const submitDisputeEvidenceAction = authedAction(
  "submitDisputeEvidence",
  disputeEvidenceSchema,
  async (input, { user, db }) => {
    const outcome = await sendDisputeEvidence(db, { user, input });
    revalidatePath(`/payments/${outcome.dispute.paymentId}`);
    revalidatePath(`/invoices/${outcome.dispute.invoiceId}`);
    return { status: outcome.dispute.status, submitted: outcome.submitted, message: outcome.message };
  },
);
