import { describe, expect, it } from "vitest";
import { submitDisputeEvidenceAction } from "@/app/(dashboard)/payments/dispute-actions";
import { listDisputesOfInvoice } from "@/db/queries/disputes";
import { drainStripeEvents } from "@/lib/stripe/webhooks/worker";
import { historyActions, type PaidInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";

const h = integrationHarness({ webhooks: "file" });

async function settleWebhooks() {
  await h.emulator.control.waitForDeliveries(10_000);
  await drainStripeEvents(h.db);
}

async function disputedInvoice(paymentMethod = "pm_card_createDispute") {
  const paid = await h.paidInvoice({ paymentMethod });
  await h.emulator.control.settle();
  await settleWebhooks();
  return { paid, dispute: await ourDispute(paid) };
}

async function ourDispute(paid: PaidInvoice) {
  const [dispute] = await listDisputesOfInvoice(h.db, { userId: paid.user.id, invoiceId: paid.invoiceId });
  if (!dispute) throw new Error("no dispute");
  return dispute;
}

const onStripe = (paid: PaidInvoice, stripeDisputeId: string) =>
  h.stripe.disputes.retrieve(stripeDisputeId, {}, { stripeAccount: paid.accountId });

const EXPLANATION =
  'Delivered the logo on 3 March; the customer approved it by email. <script>alert("x")</script>';

describe("answering a dispute", () => {
  it("shows what is due, submits text evidence to Stripe once, and follows the dispute to under review", async () => {
    const { paid, dispute } = await disputedInvoice();
    expect(dispute).toMatchObject({ status: "needs_response", evidenceDueBy: expect.any(Date) });
    signInAs(paid.user.id);
    const result = await submitDisputeEvidenceAction({
      disputeId: dispute.id,
      explanation: EXPLANATION,
      productDescription: "Logo design",
      serviceDate: "3 March 2026",
      customerName: "Ada Buyer",
      customerEmailAddress: "ada@example.test",
      submit: true,
    });
    expect(result).toMatchObject({ ok: true, data: { status: "under_review", submitted: true } });
    const stripeDispute = await onStripe(paid, dispute.stripeDisputeId);
    expect(stripeDispute).toMatchObject({
      status: "under_review",
      evidence: {
        uncategorized_text: EXPLANATION,
        product_description: "Logo design",
        service_date: "3 March 2026",
        customer_name: "Ada Buyer",
        customer_email_address: "ada@example.test",
        customer_communication: null,
      },
      evidence_details: { submission_count: 1 },
    });
    expect(await ourDispute(paid)).toMatchObject({
      status: "under_review",
      evidenceSubmittedAt: expect.any(Date),
      evidenceSubmissionCount: 1,
    });
    expect(await historyActions(h.db, paid)).toContain("dispute.evidence_submitted");

    // A second press (another tab) sends nothing more.
    const again = await submitDisputeEvidenceAction({
      disputeId: dispute.id,
      explanation: "More",
      submit: true,
    });
    expect(again).toMatchObject({
      ok: false,
      error: { code: "conflict", message: expect.stringMatching(/under review/) },
    });
    expect((await onStripe(paid, dispute.stripeDisputeId)).evidence_details.submission_count).toBe(1);
  });

  it("saves a draft on Stripe without submitting it", async () => {
    const { paid, dispute } = await disputedInvoice();
    signInAs(paid.user.id);
    const result = await submitDisputeEvidenceAction({
      disputeId: dispute.id,
      explanation: "Draft",
      submit: false,
    });
    expect(result).toMatchObject({ ok: true, data: { status: "needs_response", submitted: false } });
    const stripeDispute = await onStripe(paid, dispute.stripeDisputeId);
    expect(stripeDispute).toMatchObject({
      status: "needs_response",
      evidence: { uncategorized_text: "Draft" },
      evidence_details: { has_evidence: true, submission_count: 0 },
    });
    expect((await ourDispute(paid)).evidenceSubmittedAt).toBeNull();
  });

  it("refuses empty evidence, another User's dispute and a bad id, changing nothing", async () => {
    const { paid, dispute } = await disputedInvoice();
    signInAs(paid.user.id);
    expect(
      await submitDisputeEvidenceAction({ disputeId: dispute.id, explanation: "   ", submit: true }),
    ).toMatchObject({
      ok: false,
      error: { code: "validation", fieldErrors: { explanation: [expect.any(String)] } },
    });
    expect(
      await submitDisputeEvidenceAction({ disputeId: "nope", explanation: "x", submit: true }),
    ).toMatchObject({
      ok: false,
      error: { code: "validation" },
    });
    const other = await h.seller();
    signInAs(other.user.id);
    expect(
      await submitDisputeEvidenceAction({ disputeId: dispute.id, explanation: "x", submit: true }),
    ).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect((await onStripe(paid, dispute.stripeDisputeId)).evidence_details.has_evidence).toBe(false);
  });

  it("after a 500 on the submission, pressing again finds it on Stripe and sends nothing twice", async () => {
    const { paid, dispute } = await disputedInvoice();
    signInAs(paid.user.id);
    await h.emulator.control.addFault({
      kind: "api_error",
      when: "after",
      method: "POST",
      path: "/v1/disputes/*",
      count: 1,
    });
    const first = await submitDisputeEvidenceAction({
      disputeId: dispute.id,
      explanation: "Delivered",
      submit: true,
    });
    expect(first).toMatchObject({
      ok: false,
      error: { code: "stripe_error", message: expect.stringMatching(/never sent twice/) },
    });
    const second = await submitDisputeEvidenceAction({
      disputeId: dispute.id,
      explanation: "Delivered",
      submit: true,
    });
    expect(second).toMatchObject({
      ok: false,
      error: { code: "conflict", message: expect.stringMatching(/already has evidence/) },
    });
    expect((await onStripe(paid, dispute.stripeDisputeId)).evidence_details.submission_count).toBe(1);
    expect((await ourDispute(paid)).status).toBe("under_review");
  });

  it("accounts for the funds withdrawn with the fee and reinstated when won", async () => {
    const { paid, dispute } = await disputedInvoice();
    expect(dispute).toMatchObject({
      fundsWithdrawnMinor: 13_500,
      fundsReinstatedMinor: 0,
      fundsCurrency: "gbp",
    });
    await h.emulator.control.closeDispute(dispute.stripeDisputeId, "won");
    await settleWebhooks();
    expect(await ourDispute(paid)).toMatchObject({
      status: "won",
      fundsWithdrawnMinor: 13_500,
      fundsReinstatedMinor: 12_000,
    });
  });

  it("an inquiry takes no money; an appeal of a lost dispute is answered like the first response", async () => {
    const { paid, dispute } = await disputedInvoice("pm_card_createDisputeInquiry");
    expect(dispute).toMatchObject({ status: "warning_needs_response", fundsWithdrawnMinor: 0 });

    const second = await disputedInvoice();
    await h.emulator.control.closeDispute(second.dispute.stripeDisputeId, "lost");
    await h.emulator.control.appealDispute(second.dispute.stripeDisputeId);
    await settleWebhooks();
    expect(await ourDispute(second.paid)).toMatchObject({ status: "appeal_needs_response" });
    signInAs(second.paid.user.id);
    expect(
      await submitDisputeEvidenceAction({
        disputeId: second.dispute.id,
        explanation: "Appeal",
        submit: true,
      }),
    ).toMatchObject({ ok: true, data: { status: "appeal_under_review" } });
    expect(paid.invoiceId).not.toBe(second.paid.invoiceId);
  });
});
