import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp } from "@/app/(auth)/sign-up/actions";
import { emailInvoiceAction, sendInvoiceByEmailAction } from "@/app/(dashboard)/invoices/email-actions";
import { saveBusinessProfileAction } from "@/app/(dashboard)/settings/business/actions";
import { getBusinessProfile } from "@/db/queries/business-profiles";
import { getInvoice } from "@/db/queries/invoices";
import { findUserByEmailForSignIn } from "@/db/queries/users";
import { auditLog, emailOutbox } from "@/db/schema";
import { stopRenderer } from "@/lib/documents/renderer";
import { createSmtpSender, type EmailSender } from "@/lib/email/transport";
import { createInvoice } from "@/lib/invoices/service";
import { emailJobs } from "../support/email-jobs";
import { addCustomer, createSellerWithAccount, oneLineInvoice, openInvoiceFor } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";
import { TEST_FROM, uniqueAddress } from "../support/smtp-fixtures";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp-server";

// The send dialog's cc and subject: validated, stored on the outbox row, sent as written, and recorded in
// history as what happened. And the preferences a new User starts with, from their browser.
const h = integrationHarness();
const jobs = emailJobs(h);
let smtp: TestSmtpServer;
let sender: EmailSender;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  sender = createSmtpSender({ smtpUrl: smtp.url, fromAddress: TEST_FROM });
});
afterAll(async () => {
  stopRenderer();
  sender.close();
  await smtp.close();
});

async function draftFor(customerEmail: string | null = uniqueAddress()) {
  const seller = await createSellerWithAccount(h.db, h.emulator);
  const customer = await addCustomer(h.db, seller.user.id, { name: "Contoso Ltd", email: customerEmail });
  const invoice = await createInvoice(h.db, { userId: seller.user.id }, oneLineInvoice(customer.id));
  signInAs(seller.user.id);
  return { ...seller, invoiceId: invoice.id, customerEmail };
}

const outboxOf = (invoiceId: string) =>
  h.db.select().from(emailOutbox).where(eq(emailOutbox.invoiceId, invoiceId));

async function emailedDetails(invoiceId: string) {
  const rows = await h.db.select().from(auditLog).where(eq(auditLog.invoiceId, invoiceId));
  return rows.filter((r) => r.action === "invoice.emailed").map((r) => r.details);
}

describe("send with cc and a subject", () => {
  it("stores cc (lowercased, once each, never the customer) and the subject, sends them, and history says so", async () => {
    const x = await draftFor();
    const accounts = uniqueAddress("accounts");
    const boss = uniqueAddress("boss");
    const result = await sendInvoiceByEmailAction({
      invoiceId: x.invoiceId,
      message: "",
      subject: "  Your March retainer — INV-0001  ",
      cc: `${accounts.toUpperCase()}, ${boss}; ${accounts}\n${x.customerEmail}`,
    });
    expect(result).toMatchObject({ ok: true, data: { to: x.customerEmail, cc: [accounts, boss] } });

    const [row, ...others] = await outboxOf(x.invoiceId);
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({ cc: [accounts, boss], subject: "Your March retainer — INV-0001" });
    expect(row?.html).toContain("<title>Your March retainer — INV-0001</title>");
    expect(await emailedDetails(x.invoiceId)).toEqual([{ to: x.customerEmail, cc: `${accounts}, ${boss}` }]);

    await jobs.deliver(sender);
    const [mail] = smtp.to(accounts);
    if (!mail) throw new Error("the cc address got nothing");
    expect(mail.envelope.to.sort()).toEqual([accounts, boss, x.customerEmail ?? ""].sort());
    expect(mail.headers.get("cc")).toBe(`${accounts}, ${boss}`);
    expect(mail.subject).toBe("Your March retainer — INV-0001");
  });

  it("without cc or subject: the built-in subject and no Cc header, as before", async () => {
    const x = await draftFor();
    expect((await sendInvoiceByEmailAction({ invoiceId: x.invoiceId, message: "" })).ok).toBe(true);
    const [row] = await outboxOf(x.invoiceId);
    expect(row?.cc).toEqual([]);
    expect(row?.subject).toMatch(/^Invoice INV-0001 from /);
    expect(await emailedDetails(x.invoiceId)).toEqual([{ to: x.customerEmail }]);
  });

  it("the Send by email form of an open invoice takes cc too", async () => {
    const address = uniqueAddress();
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: address });
    signInAs(x.user.id);
    const copy = uniqueAddress("copy");
    expect(await emailInvoiceAction({ invoiceId: x.invoiceId, message: "", cc: copy })).toMatchObject({
      ok: true,
      data: { cc: [copy] },
    });
  });

  const refused: [string, Record<string, string>, string, RegExp][] = [
    [
      "six cc addresses",
      { cc: Array.from({ length: 6 }, (_, i) => `c${i}@example.test`).join(",") },
      "cc",
      /at most 5/,
    ],
    [
      "a cc that is not an address",
      { cc: "accounts@example.test, bob" },
      "cc",
      /“bob” is not an email address/,
    ],
    ["a display name in cc", { cc: "Bob <bob@example.test>" }, "cc", /not an email address/],
    ["a header smuggled into cc", { cc: "a@example.test\r\nBcc: evil@example.test" }, "cc", /“Bcc:” is not/],
    [
      "a second header line in the subject",
      { subject: "Invoice\r\nBcc: evil@example.test" },
      "subject",
      /one line/,
    ],
    [
      "a line separator in the subject",
      { subject: "Invoice\u2028Bcc: evil@example.test" },
      "subject",
      /one line/,
    ],
    ["a NUL in the subject", { subject: "Invoice\u0000" }, "subject", /invisible or broken character/],
    ["an empty subject", { subject: "   " }, "subject", /Enter a subject/],
    ["a subject over 200 characters", { subject: "x".repeat(201) }, "subject", /under 200/],
  ];
  for (const [what, input, field, message] of refused) {
    it(`refuses ${what} with a field error, and nothing is issued or queued`, async () => {
      const x = await draftFor();
      const result = await sendInvoiceByEmailAction({ invoiceId: x.invoiceId, message: "", ...input });
      expect(result).toMatchObject({
        ok: false,
        error: { fieldErrors: { [field]: [expect.stringMatching(message)] } },
      });
      expect((await getInvoice(h.db, { userId: x.user.id, invoiceId: x.invoiceId }))?.status).toBe("draft");
      expect(await outboxOf(x.invoiceId)).toHaveLength(0);
    });
  }

  it("HTML in the subject is text: stored as typed, escaped in the HTML body's title", async () => {
    const x = await draftFor();
    const subject = `<img src=x onerror=alert(1)> & "INV"`;
    expect((await sendInvoiceByEmailAction({ invoiceId: x.invoiceId, message: "", subject })).ok).toBe(true);
    const [row] = await outboxOf(x.invoiceId);
    expect(row?.subject).toBe(subject);
    expect(row?.html).not.toContain("<img src=x");
    expect(row?.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("does not send another User's invoice, with or without cc", async () => {
    const victim = await draftFor();
    const attacker = await createSellerWithAccount(h.db, h.emulator);
    signInAs(attacker.user.id);
    const result = await sendInvoiceByEmailAction({
      invoiceId: victim.invoiceId,
      message: "",
      subject: "Pay me instead",
      cc: uniqueAddress("attacker"),
    });
    expect(result.ok).toBe(false);
    expect((await getInvoice(h.db, { userId: victim.user.id, invoiceId: victim.invoiceId }))?.status).toBe(
      "draft",
    );
    expect(await outboxOf(victim.invoiceId)).toHaveLength(0);
  });
});

describe("the seller's defaults for the send dialog", () => {
  const profile = {
    brandColour: "#0f172a",
    invoicePrefix: "INV-",
    nextInvoiceNumber: "1",
    paymentTermsDays: "14",
    defaultCurrency: "GBP",
    locale: "en-GB",
    timeZone: "Europe/London",
  };

  async function freshSeller() {
    const seller = await createSellerWithAccount(h.db, h.emulator);
    signInAs(seller.user.id);
    return seller;
  }

  it("saves a subject and message in Settings → Business", async () => {
    const x = await freshSeller();
    const result = await saveBusinessProfileAction({
      ...profile,
      invoiceEmailSubject: "{business}: invoice {number}",
      invoiceEmailMessage: "Thank you!\nPayment within 14 days, please.",
    });
    expect(result.ok).toBe(true);
    expect(await getBusinessProfile(h.db, x.user.id)).toMatchObject({
      invoiceEmailSubject: "{business}: invoice {number}",
      invoiceEmailMessage: "Thank you!\nPayment within 14 days, please.",
    });
  });

  it("refuses a default subject of two lines, saving nothing", async () => {
    const x = await freshSeller();
    const result = await saveBusinessProfileAction({
      ...profile,
      invoiceEmailSubject: "A\nBcc: x@example.test",
    });
    expect(result).toMatchObject({
      ok: false,
      error: { fieldErrors: { invoiceEmailSubject: [expect.any(String)] } },
    });
    expect((await getBusinessProfile(h.db, x.user.id))?.invoiceEmailSubject ?? null).toBeNull();
  });
});

describe("sign-up takes the browser's locale and time zone", () => {
  const account = (email: string) => ({
    name: "Sam",
    businessName: "Sam's Studio",
    email,
    password: "a-long-passphrase",
  });

  async function preferencesAfterSignUp(browser: { locale?: string; timeZone?: string }) {
    const email = uniqueAddress("seller");
    expect((await signUp({ ...account(email), ...browser })).ok).toBe(true);
    const user = await findUserByEmailForSignIn(h.db, email);
    if (!user) throw new Error("no user");
    const row = await getBusinessProfile(h.db, user.id);
    return { locale: row?.locale, timeZone: row?.timeZone, defaultCurrency: row?.defaultCurrency };
  }

  it("stores what Intl supports, canonicalised, and leaves the currency unchosen", async () => {
    expect(await preferencesAfterSignUp({ locale: "en-us", timeZone: "America/New_York" })).toEqual({
      locale: "en-US",
      timeZone: "America/New_York",
      defaultCurrency: null,
    });
  });

  it("falls back to the language, then to en-GB and UTC, for values Intl does not know", async () => {
    expect(await preferencesAfterSignUp({ locale: "de-!!", timeZone: "Mars/Olympus_Mons" })).toMatchObject({
      locale: "de",
      timeZone: "UTC",
    });
    expect(await preferencesAfterSignUp({ locale: "xx-ZZ", timeZone: "Etc/Unknown" })).toMatchObject({
      locale: "en-GB",
      timeZone: "UTC",
    });
    expect(await preferencesAfterSignUp({})).toMatchObject({ locale: "en-GB", timeZone: "UTC" });
  });

  it("hostile values are refused by the schema or fall back; nothing odd is stored", async () => {
    expect(
      await preferencesAfterSignUp({ locale: "zz'); drop table users;--", timeZone: "../../etc/passwd" }),
    ).toMatchObject({ locale: "en-GB", timeZone: "UTC" });
    const long = await signUp({ ...account(uniqueAddress("seller")), locale: "x".repeat(101) });
    expect(long.ok).toBe(false);
  });
});
