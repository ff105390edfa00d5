import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sendInvoiceByEmailAction } from "@/app/(dashboard)/invoices/email-actions";
import { listInvoiceEmails } from "@/db/queries/email-outbox";
import { getInvoice } from "@/db/queries/invoices";
import { emailOutbox } from "@/db/schema";
import { createInvoice } from "@/lib/invoices/service";
import { addCustomer, createSellerWithAccount, historyActions, oneLineInvoice } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";
import { uniqueAddress } from "../support/smtp-fixtures";

// The send dialog's primary button: issue the draft and queue its email (PDF attached) in one step,
// or change nothing at all.
const h = integrationHarness();

async function draftFor(customerEmail: string | null) {
  const seller = await createSellerWithAccount(h.db, h.emulator);
  const customer = await addCustomer(h.db, seller.user.id, { name: "Contoso Ltd", email: customerEmail });
  const invoice = await createInvoice(h.db, { userId: seller.user.id }, oneLineInvoice(customer.id));
  signInAs(seller.user.id);
  return { ...seller, invoiceId: invoice.id };
}

describe("send invoice by email", () => {
  it("issues the invoice, queues one email with the invoice PDF, and history says both", async () => {
    const address = uniqueAddress();
    const x = await draftFor(address);
    const result = await sendInvoiceByEmailAction({ invoiceId: x.invoiceId, message: "Thanks!" });
    expect(result).toMatchObject({ ok: true, data: { to: address } });

    const invoice = await getInvoice(h.db, { userId: x.user.id, invoiceId: x.invoiceId });
    expect(invoice?.status).toBe("open");
    expect(invoice?.payToken).toBeTruthy();
    const emails = await h.db.select().from(emailOutbox).where(eq(emailOutbox.invoiceId, x.invoiceId));
    expect(emails).toMatchObject([
      { kind: "invoice", toAddress: address, attachmentKind: "invoice", attachmentId: x.invoiceId },
    ]);
    expect(await historyActions(h.db, { user: x.user, invoiceId: x.invoiceId })).toEqual(
      expect.arrayContaining(["invoice.created", "invoice.sent", "invoice.emailed"]),
    );
  });

  it("leaves the invoice a draft, with no pay link and no email, when the customer has no address", async () => {
    const x = await draftFor(null);
    const result = await sendInvoiceByEmailAction({ invoiceId: x.invoiceId, message: "" });
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("no email address") },
    });
    const invoice = await getInvoice(h.db, { userId: x.user.id, invoiceId: x.invoiceId });
    expect(invoice).toMatchObject({ status: "draft", payToken: null });
    expect(await listInvoiceEmails(h.db, { userId: x.user.id, invoiceId: x.invoiceId })).toHaveLength(0);
    expect(await historyActions(h.db, { user: x.user, invoiceId: x.invoiceId })).not.toContain(
      "invoice.sent",
    );
  });

  it("sends once when pressed twice at once, and the second press is told it is no longer a draft", async () => {
    const x = await draftFor(uniqueAddress());
    const results = await Promise.all([
      sendInvoiceByEmailAction({ invoiceId: x.invoiceId, message: "" }),
      sendInvoiceByEmailAction({ invoiceId: x.invoiceId, message: "" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({
      ok: false,
      error: { message: "Only draft invoices can be sent." },
    });
    expect(await listInvoiceEmails(h.db, { userId: x.user.id, invoiceId: x.invoiceId })).toHaveLength(1);
  });

  it("does not send another User's invoice", async () => {
    const victim = await draftFor(uniqueAddress());
    const attacker = await createSellerWithAccount(h.db, h.emulator);
    signInAs(attacker.user.id);
    const result = await sendInvoiceByEmailAction({ invoiceId: victim.invoiceId, message: "" });
    expect(result.ok).toBe(false);
    const invoice = await getInvoice(h.db, { userId: victim.user.id, invoiceId: victim.invoiceId });
    expect(invoice?.status).toBe("draft");
    expect(
      await listInvoiceEmails(h.db, { userId: victim.user.id, invoiceId: victim.invoiceId }),
    ).toHaveLength(0);
  });

  it("refuses a message over 2,000 characters with a field error, changing nothing", async () => {
    const x = await draftFor(uniqueAddress());
    const result = await sendInvoiceByEmailAction({ invoiceId: x.invoiceId, message: "x".repeat(2001) });
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { message: expect.anything() } } });
    expect((await getInvoice(h.db, { userId: x.user.id, invoiceId: x.invoiceId }))?.status).toBe("draft");
  });
});
