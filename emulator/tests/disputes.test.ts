import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISPUTE_FEE_MINOR, EVIDENCE_TEXT_LIMIT } from "../resources/dispute-lifecycle";
import { failure, freshAccount, pay, startTestEmulator, type TestEmulator } from "./helpers";

let t: TestEmulator;
let account: string;
const opts = () => ({ stripeAccount: account });

beforeAll(async () => {
  t = await startTestEmulator();
  account = await freshAccount(t);
});
afterAll(() => t.running.close());

async function disputed(pm = "pm_card_createDispute", amount = 2000): Promise<Stripe.Dispute> {
  const pi = await pay(t.stripe, account, pm, amount);
  await t.running.control.settle();
  const [dispute] = (await t.stripe.disputes.list({ payment_intent: pi.id }, opts())).data;
  if (!dispute) throw new Error("no dispute");
  return dispute;
}

async function eventTypes(disputeId: string): Promise<string[]> {
  const events = await t.stripe.events.list({ limit: 100 }, opts());
  return events.data
    .filter((e) => (e.data.object as { id?: string }).id === disputeId)
    .map((e) => e.type)
    .reverse();
}

describe("disputes as Stripe runs them", () => {
  it("a chargeback withdraws the amount and the fee at once, with charge.dispute.funds_withdrawn", async () => {
    const dispute = await disputed("pm_card_createDispute", 2500);
    expect(dispute.status).toBe("needs_response");
    expect(dispute.evidence_details).toMatchObject({ has_evidence: false, submission_count: 0 });
    expect(dispute.evidence_details.due_by).toBeGreaterThan(dispute.created);
    expect(dispute.balance_transactions).toEqual([
      expect.objectContaining({
        amount: -2500,
        fee: DISPUTE_FEE_MINOR,
        net: -2500 - DISPUTE_FEE_MINOR,
        currency: "gbp",
      }),
    ]);
    expect(await eventTypes(dispute.id)).toEqual([
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
    ]);
  });

  it("staged evidence waits; submitted evidence puts the dispute under review; winning reinstates the funds", async () => {
    const dispute = await disputed();
    const staged = await t.stripe.disputes.update(
      dispute.id,
      { evidence: { uncategorized_text: "Delivered on 3 March." }, submit: false },
      opts(),
    );
    expect(staged).toMatchObject({
      status: "needs_response",
      evidence: { uncategorized_text: "Delivered on 3 March." },
    });
    expect(staged.evidence_details).toMatchObject({ has_evidence: true, submission_count: 0 });
    const submitted = await t.stripe.disputes.update(
      dispute.id,
      { evidence: { product_description: "Logo design, 3 drafts" } },
      opts(),
    );
    expect(submitted.status).toBe("under_review");
    expect(submitted.evidence).toMatchObject({
      uncategorized_text: "Delivered on 3 March.",
      product_description: "Logo design, 3 drafts",
    });
    expect(submitted.evidence_details).toMatchObject({
      submission_count: 1,
      submission_method: "manual",
      past_due: false,
    });
    // Under review, evidence can no longer be changed.
    const late = await failure(t.stripe.disputes.update(dispute.id, { evidence: { receipt: "x" } }, opts()));
    expect(late).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError" });

    const won = await t.running.control.closeDispute(dispute.id, "won");
    expect(won.status).toBe("won");
    expect(won.balance_transactions.map((bt) => bt.amount)).toEqual([-2000, 2000]);
    expect(await eventTypes(dispute.id)).toEqual([
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
      "charge.dispute.updated",
      "charge.dispute.updated",
      "charge.dispute.funds_reinstated",
      "charge.dispute.closed",
    ]);
  });

  it("refuses unknown evidence fields, text in file fields and evidence past 150,000 characters, changing nothing", async () => {
    const dispute = await disputed();
    const unknown = await failure(
      t.stripe.disputes.update(
        dispute.id,
        { evidence: { favourite_colour: "blue" } as Stripe.DisputeUpdateParams.Evidence },
        opts(),
      ),
    );
    expect(unknown).toMatchObject({ statusCode: 400, param: "evidence[favourite_colour]" });
    const long = await failure(
      t.stripe.disputes.update(
        dispute.id,
        { evidence: { uncategorized_text: "x".repeat(EVIDENCE_TEXT_LIMIT + 1) } },
        opts(),
      ),
    );
    expect(long).toMatchObject({ statusCode: 400, param: "evidence" });
    // customer_communication takes an uploaded file's id, not text.
    const text = await failure(
      t.stripe.disputes.update(dispute.id, { evidence: { customer_communication: "We emailed" } }, opts()),
    );
    expect(text).toMatchObject({ statusCode: 400, param: "evidence[customer_communication]" });
    const after = await t.stripe.disputes.retrieve(dispute.id, {}, opts());
    expect(after).toMatchObject({ status: "needs_response", evidence: { uncategorized_text: null } });
  });

  it("an inquiry takes no money until it escalates; it closes as warning_closed", async () => {
    const inquiry = await disputed("pm_card_createDisputeInquiry");
    expect(inquiry).toMatchObject({ status: "warning_needs_response", balance_transactions: [] });
    const wrong = await t.running.control.closeDispute(inquiry.id, "won").catch((e: Error) => e);
    expect(wrong).toBeInstanceOf(Error);
    const escalated = await t.running.control.escalateDispute(inquiry.id);
    expect(escalated).toMatchObject({ status: "needs_response", is_charge_refundable: false });
    expect(escalated.balance_transactions).toHaveLength(1);

    const other = await disputed("pm_card_createDisputeInquiry");
    const reviewed = await t.stripe.disputes.update(
      other.id,
      { evidence: { uncategorized_text: "Hi" } },
      opts(),
    );
    expect(reviewed.status).toBe("warning_under_review");
    expect((await t.running.control.closeDispute(other.id, "warning_closed")).status).toBe("warning_closed");
  });

  it("a lost dispute can be appealed: appeal_needs_response, appeal_under_review, then decided again", async () => {
    const dispute = await disputed();
    await t.running.control.closeDispute(dispute.id, "lost");
    const appeal = await t.running.control.appealDispute(dispute.id);
    expect(appeal.status).toBe("appeal_needs_response");
    const review = await t.stripe.disputes.update(
      dispute.id,
      { evidence: { uncategorized_text: "Appeal" } },
      opts(),
    );
    expect(review.status).toBe("appeal_under_review");
    const won = await t.running.control.closeDispute(dispute.id, "won");
    expect(won.status).toBe("won");
    expect(won.balance_transactions.map((bt) => bt.amount)).toEqual([-2000, 2000]);
  });

  it("accepting a dispute (disputes.close) loses it at once", async () => {
    const dispute = await disputed();
    const closed = await t.stripe.disputes.close(dispute.id, {}, opts());
    expect(closed.status).toBe("lost");
    expect((await eventTypes(dispute.id)).at(-1)).toBe("charge.dispute.closed");
  });

  it("can be given any status, even one the API version lacks, with charge.dispute.updated", async () => {
    const dispute = await disputed();
    const odd = await t.running.control.forceDisputeStatus(dispute.id, "appeal_reopened");
    expect(odd.status).toBe("appeal_reopened");
    expect((await eventTypes(dispute.id)).at(-1)).toBe("charge.dispute.updated");
  });

  it("is another account's business: 404 for its disputes", async () => {
    const dispute = await disputed();
    const other = await freshAccount(t);
    const error = await failure(
      t.stripe.disputes.update(
        dispute.id,
        { evidence: { uncategorized_text: "x" } },
        { stripeAccount: other },
      ),
    );
    expect(error.statusCode).toBe(404);
  });
});
