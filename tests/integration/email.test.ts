import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailInvoiceAction, emailReminderAction } from "@/app/(dashboard)/invoices/email-actions";
import { listInvoiceEmails } from "@/db/queries/email-outbox";
import { listPaymentsOfInvoice } from "@/db/queries/payments";
import { emailOutbox, refunds, users } from "@/db/schema";
import { stopRenderer } from "@/lib/documents/renderer";
import { enqueueEmail } from "@/lib/email/enqueue";
import { runEmailJob } from "@/lib/email/jobs";
import { enqueueRefundFailedEmail, enqueueRefundSucceededEmail } from "@/lib/email/refund-emails";
import { relayEmailsWithoutJob } from "@/lib/email/relay";
import { retryFailedEmails } from "@/lib/email/retry-failed";
import { createSmtpSender, type EmailSender } from "@/lib/email/transport";
import { insertJobsInTransaction } from "@/lib/jobs/in-transaction";
import { EMAIL_QUEUE } from "@/lib/jobs/queues";
import { completeReturn } from "@/lib/payments/return-page";
import { emailJobs } from "../support/email-jobs";
import { customerPays, openInvoiceFor } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { pdfText, words } from "../support/pdf-text";
import { signInAs } from "../support/session";
import { TEST_FROM, uniqueAddress } from "../support/smtp-fixtures";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp-server";
import { deliverAndApply } from "../support/webhooks";

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

const MINUTE = 60_000;
/** Works the email jobs due once `offsetMs` has passed; returns how many attempts were made. */
async function deliver(offsetMs = 0, via: EmailSender = sender) {
  const batch = await jobs.deliver(via, offsetMs);
  return batch.sent + batch.retry + batch.refused;
}

describe("sending an invoice by email", () => {
  it("queues it in the request and the worker delivers it: recipient, sender name, subject, pay link, amount, message", async () => {
    const address = uniqueAddress();
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: address });
    signInAs(x.user.id);

    const result = await emailInvoiceAction({
      invoiceId: x.invoiceId,
      message: "Thanks for the work!\nSee you soon.",
    });
    expect(result).toMatchObject({ ok: true, data: { to: address } });
    // Nothing is sent inside the request: the row waits for the worker.
    expect(smtp.to(address)).toHaveLength(0);
    expect(await listInvoiceEmails(h.db, { userId: x.user.id, invoiceId: x.invoiceId })).toMatchObject([
      { kind: "invoice", status: "pending", toAddress: address, attempts: 0 },
    ]);

    await deliver();
    const [mail, ...others] = smtp.to(address);
    expect(others).toHaveLength(0);
    if (!mail) throw new Error("no mail");
    expect(mail.envelope).toEqual({ from: TEST_FROM, to: [address] });
    expect(mail.from).toBe(`${x.user.businessName} <${TEST_FROM}>`);
    expect(mail.to).toBe(`Contoso Ltd <${address}>`);
    expect(mail.replyTo).toBe(x.user.email);
    expect(mail.subject).toBe(`Invoice INV-0001 from ${x.user.businessName}`);
    const payUrl = `http://localhost:3000/pay/${x.token}`;
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain(payUrl);
      expect(part).toContain("£120.00");
      expect(part).toContain("30 November 2026");
    }
    expect(mail.text).toContain("Thanks for the work!\nSee you soon.");
    expect(mail.html).toContain("Thanks for the work!<br>See you soon.");
    // The text and HTML bodies, and the invoice as a PDF rendered when the worker sent it.
    expect(mail.headers.get("content-type")).toMatch(/^multipart\/mixed/);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: "invoice-INV-0001.pdf",
      contentType: "application/pdf",
    });
    const invoiceText = words(pdfText(mail.attachments[0]?.content ?? Buffer.alloc(0)));
    expect(invoiceText).toContain("INV-0001");
    expect(invoiceText).toContain("Total £120.00");

    const [row] = await listInvoiceEmails(h.db, { userId: x.user.id, invoiceId: x.invoiceId });
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null, sentAt: expect.any(Date) });

    // A second send is a second email, not a duplicate of the first.
    expect((await emailInvoiceAction({ invoiceId: x.invoiceId })).ok).toBe(true);
    await deliver();
    expect(smtp.to(address)).toHaveLength(2);
  });

  it("refuses a Customer without an email address with a clear message, and queues nothing", async () => {
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: null, customerName: "No Mail Co" });
    signInAs(x.user.id);
    const result = await emailInvoiceAction({ invoiceId: x.invoiceId });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "validation",
        message: "No Mail Co has no email address. Add one to the customer, then send the invoice again.",
      },
    });
    expect(await listInvoiceEmails(h.db, { userId: x.user.id, invoiceId: x.invoiceId })).toEqual([]);
  });

  it("refuses another User's invoice as not found", async () => {
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: uniqueAddress() });
    const stranger = await openInvoiceFor(h.db, h.emulator, { customerEmail: uniqueAddress() });
    signInAs(stranger.user.id);
    expect(await emailInvoiceAction({ invoiceId: x.invoiceId })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await listInvoiceEmails(h.db, { userId: x.user.id, invoiceId: x.invoiceId })).toEqual([]);
  });

  it("makes header injection through names and the message impossible", async () => {
    const address = uniqueAddress();
    const x = await openInvoiceFor(h.db, h.emulator, {
      customerEmail: address,
      customerName: "Contoso\r\nBcc: victim-name@evil.test",
    });
    await h.db
      .update(users)
      .set({ businessName: "Evil\r\nBcc: victim@evil.test\r\nSubject: pwned" })
      .where(eq(users.id, x.user.id));
    signInAs(x.user.id);
    const message = "Hello\r\nBcc: victim-message@evil.test\r\n\r\n<script>alert(1)</script>";
    expect((await emailInvoiceAction({ invoiceId: x.invoiceId, message })).ok).toBe(true);
    await deliver();

    const [mail] = smtp.to(address);
    if (!mail) throw new Error("no mail");
    // One recipient, and no header the attacker wrote.
    expect(mail.envelope.to).toEqual([address]);
    expect(smtp.messages.filter((m) => m.envelope.to.some((to) => to.endsWith("@evil.test")))).toEqual([]);
    expect(mail.headerLines.filter((line) => /^(bcc|cc|subject):/i.test(line))).toHaveLength(1);
    expect(mail.subject).toBe("Invoice INV-0001 from Evil Bcc: victim@evil.test Subject: pwned");
    expect(mail.from).toBe(`"Evil Bcc: victim@evil.test Subject: pwned" <${TEST_FROM}>`);
    expect(mail.to).toBe(`"Contoso Bcc: victim-name@evil.test" <${address}>`);
    // The message stays in the body, escaped in HTML.
    expect(mail.text).toContain("Hello\nBcc: victim-message@evil.test");
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.html).not.toContain("<script>");
  });

  it("sends a reminder only for an overdue invoice", async () => {
    const address = uniqueAddress();
    const current = await openInvoiceFor(h.db, h.emulator, {
      customerEmail: address,
      invoice: { issueDate: "2099-01-01", dueDate: "2099-01-31" },
    });
    signInAs(current.user.id);
    expect(await emailReminderAction({ invoiceId: current.invoiceId })).toMatchObject({
      ok: false,
      error: {
        code: "conflict",
        message: expect.stringMatching(/not overdue yet: it is due on 31 January 2099/),
      },
    });

    const overdue = await openInvoiceFor(h.db, h.emulator, {
      customerEmail: address,
      invoice: { issueDate: "2020-01-01", dueDate: "2020-01-31" },
    });
    signInAs(overdue.user.id);
    expect((await emailReminderAction({ invoiceId: overdue.invoiceId, message: "Second notice" })).ok).toBe(
      true,
    );
    await deliver();
    const [mail] = smtp.to(address);
    expect(mail?.subject).toBe(`Reminder: invoice INV-0001 from ${overdue.user.businessName} is overdue`);
    expect(mail?.text).toContain("was due on 31 January 2020. £120.00 is still due.");
    expect(mail?.text).toContain(`http://localhost:3000/pay/${overdue.token}`);
    expect(mail?.text).toContain("Second notice");
  });
});

/** The row of the only email of an invoice, whole (job id and lease included). */
async function onlyEmail(invoiceId: string) {
  const rows = await h.db.select().from(emailOutbox).where(eq(emailOutbox.invoiceId, invoiceId));
  const [row] = rows;
  if (!row || rows.length !== 1) throw new Error(`expected one email, found ${rows.length}`);
  return row;
}

async function jobOf(email: { jobId: string | null }) {
  return jobs.boss().getJobById(EMAIL_QUEUE, email.jobId ?? "");
}

describe("email jobs", () => {
  it("are written in the email's transaction: both commit or neither", async () => {
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: uniqueAddress() });
    const params = {
      userId: x.user.id,
      invoiceId: x.invoiceId,
      kind: "invoice" as const,
      dedupeKey: `test:${randomUUID()}`,
      to: { address: uniqueAddress(), name: null },
      fromName: "Test",
      replyTo: null,
      content: { subject: "Hello", text: "Hello", html: "<p>Hello</p>" },
    };
    let rolledBack: { id: string; jobId: string | null } | null = null;
    await expect(
      h.db.transaction(async (tx) => {
        const outcome = await enqueueEmail(tx, params);
        if (outcome.outcome === "queued") rolledBack = outcome.email;
        throw new Error("the business change failed");
      }),
    ).rejects.toThrow("the business change failed");
    const gone = rolledBack as { id: string; jobId: string | null } | null;
    expect(gone?.jobId).toEqual(expect.any(String));
    expect(await jobOf({ jobId: gone?.jobId ?? null })).toBeNull();
    expect(
      await h.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.id, gone?.id ?? "")),
    ).toEqual([]);

    signInAs(x.user.id);
    await emailInvoiceAction({ invoiceId: x.invoiceId });
    const email = await onlyEmail(x.invoiceId);
    expect(email.jobId).toEqual(expect.any(String));
    expect(await jobOf(email)).toMatchObject({
      id: email.jobId,
      name: EMAIL_QUEUE,
      state: "created",
      data: { emailId: email.id },
      singletonKey: email.id,
      retryLimit: 5,
      retryBackoff: true,
    });
  });
});

describe("the email worker", () => {
  it("retries after the SMTP server refuses once, with pg-boss's backoff, and then delivers exactly once", async () => {
    const address = uniqueAddress();
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: address });
    signInAs(x.user.id);
    await emailInvoiceAction({ invoiceId: x.invoiceId });
    smtp.refuseRecipient(address, { times: 1, code: 451, message: "4.3.0 Try again later" });

    await deliver();
    expect(smtp.to(address)).toHaveLength(0);
    const row = await onlyEmail(x.invoiceId);
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("451") });
    // The job waits 1–2 minutes (60 s doubled per retry, with jitter); the row shows the latest moment.
    const job = await jobOf(row);
    expect(job).toMatchObject({ state: "retry", retryCount: 0 });
    const wait = (job?.startAfter.getTime() ?? 0) - Date.now();
    expect(wait).toBeGreaterThan(0.9 * MINUTE);
    expect(wait).toBeLessThanOrEqual(2 * MINUTE + 5_000);
    const shown = row.nextAttemptAt.getTime() - Date.now();
    expect(shown).toBeGreaterThan(1.9 * MINUTE);
    expect(shown).toBeLessThanOrEqual(2 * MINUTE + 5_000);

    // Not due yet: nothing happens.
    await deliver(30_000);
    expect(smtp.to(address)).toHaveLength(0);

    await deliver(2 * MINUTE);
    expect(smtp.to(address)).toHaveLength(1);
    expect(await listInvoiceEmails(h.db, { userId: x.user.id, invoiceId: x.invoiceId })).toMatchObject([
      { status: "sent", attempts: 2, lastError: null },
    ]);
    expect((await jobOf(row))?.state).toBe("completed");
    await deliver(10 * MINUTE);
    expect(smtp.to(address)).toHaveLength(1);
  });

  it("records a permanent rejection as failed at once, with the server's reason, and Retry sends it again", async () => {
    const address = uniqueAddress("bounce");
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: address });
    signInAs(x.user.id);
    await emailInvoiceAction({ invoiceId: x.invoiceId });
    smtp.refuseRecipient(address, { times: 1, code: 550, message: "5.1.1 No such mailbox here" });

    await deliver();
    const [row] = await listInvoiceEmails(h.db, { userId: x.user.id, invoiceId: x.invoiceId });
    expect(row).toMatchObject({ status: "failed", attempts: 1, sentAt: null });
    expect(row?.lastError).toMatch(/^550 .*No such mailbox/);
    await deliver(24 * 60 * MINUTE);
    expect(await onlyEmail(x.invoiceId)).toMatchObject({ status: "failed", attempts: 1 });
    expect(smtp.to(address)).toHaveLength(0);

    // Another User cannot retry it; its owner can, once: a new job, fresh attempts.
    const stranger = await h.user();
    expect(
      await retryFailedEmails(h.db, { userId: stranger.id, emailId: row?.id ?? "", now: new Date() }),
    ).toEqual([]);
    const before = await onlyEmail(x.invoiceId);
    expect(
      await retryFailedEmails(h.db, { userId: x.user.id, emailId: row?.id ?? "", now: new Date() }),
    ).toEqual([row?.id]);
    expect(
      await retryFailedEmails(h.db, { userId: x.user.id, emailId: row?.id ?? "", now: new Date() }),
    ).toEqual([]);
    const after = await onlyEmail(x.invoiceId);
    expect(after).toMatchObject({ status: "pending", attempts: 0 });
    expect(after.jobId).not.toBe(before.jobId);
    await deliver();
    expect(smtp.to(address)).toHaveLength(1);
    expect(await onlyEmail(x.invoiceId)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("gives up after six temporary failures: the row records the last error and the job ends failed", async () => {
    const address = uniqueAddress("busy");
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: address });
    signInAs(x.user.id);
    await emailInvoiceAction({ invoiceId: x.invoiceId });
    smtp.refuseRecipient(address, { times: 100, code: 452, message: "4.2.2 Mailbox full" });
    const attempts: number[] = [];
    for (let pass = 1; pass <= 7; pass++) attempts.push(await deliver(pass * 2 * 60 * MINUTE));
    expect(attempts).toEqual([1, 1, 1, 1, 1, 1, 0]);
    const row = await onlyEmail(x.invoiceId);
    expect(row).toMatchObject({ status: "failed", attempts: 6, lastError: expect.stringContaining("452") });
    expect(await jobOf(row)).toMatchObject({ state: "failed", retryCount: 5 });
  });

  it("keeps retrying while the SMTP server is down, without throwing", async () => {
    const address = uniqueAddress();
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: address });
    signInAs(x.user.id);
    await emailInvoiceAction({ invoiceId: x.invoiceId });
    const down = createSmtpSender({ smtpUrl: "smtp://127.0.0.1:9", fromAddress: TEST_FROM });
    expect(await deliver(0, down)).toBeGreaterThanOrEqual(1);
    expect(await listInvoiceEmails(h.db, { userId: x.user.id, invoiceId: x.invoiceId })).toMatchObject([
      { status: "pending", attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) },
    ]);
    await deliver(2 * MINUTE);
    expect(smtp.to(address)).toHaveLength(1);
  });

  it("takes back an email whose worker died mid-send once the lease ends, and never sends one email twice", async () => {
    const address = uniqueAddress();
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: address });
    signInAs(x.user.id);
    await emailInvoiceAction({ invoiceId: x.invoiceId });
    await emailInvoiceAction({ invoiceId: x.invoiceId });
    const [second, first] = await h.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.invoiceId, x.invoiceId))
      .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id));
    if (!first || !second) throw new Error("two emails expected");
    // As a worker that claimed the first and then vanished leaves it: the row leased, and its job
    // failed by pg-boss's expiry (so retried after the backoff).
    await h.db
      .update(emailOutbox)
      .set({ status: "sending", attempts: 1, nextAttemptAt: new Date(Date.now() + 2 * MINUTE) })
      .where(eq(emailOutbox.id, first.id));
    await jobs
      .boss()
      .fail(EMAIL_QUEUE, first.jobId ?? "", { message: "job failed by timeout in active state" });
    // A stale duplicate job for the second email (not the job its row names).
    await h.db.transaction((tx) =>
      insertJobsInTransaction(tx, EMAIL_QUEUE, [{ id: randomUUID(), data: { emailId: second.id } }]),
    );

    const passes = await Promise.all([deliver(), deliver(), deliver()]);
    expect(smtp.to(address)).toHaveLength(1);
    expect(passes.reduce((sum, n) => sum + n, 0)).toBe(1);
    await Promise.all([deliver(3 * MINUTE), deliver(3 * MINUTE)]);
    expect(smtp.to(address)).toHaveLength(2);
    expect(await listInvoiceEmails(h.db, { userId: x.user.id, invoiceId: x.invoiceId })).toMatchObject([
      { status: "sent", attempts: 1 },
      { status: "sent", attempts: 2 },
    ]);
  });

  it("sends once when two workers run the same job at once (a job expired and handed out again)", async () => {
    const address = uniqueAddress();
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: address });
    signInAs(x.user.id);
    await emailInvoiceAction({ invoiceId: x.invoiceId });
    const email = await onlyEmail(x.invoiceId);
    const job = { id: email.jobId ?? "", data: { emailId: email.id } };
    let release = () => {};
    let entered = () => {};
    const sending = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const slow: EmailSender = {
      async send(message, attachments) {
        await new Promise<void>((resolve) => {
          release = resolve;
          entered();
        });
        await sender.send(message, attachments);
      },
      close() {},
    };
    const firstRun = runEmailJob(h.db, job, { sender: slow });
    await sending;
    expect((await onlyEmail(x.invoiceId)).status).toBe("sending");
    const secondRun = await runEmailJob(h.db, job, { sender });
    expect(secondRun.outcome).toBe("busy");
    release();
    expect((await firstRun).outcome).toBe("sent");
    expect((await runEmailJob(h.db, job, { sender })).outcome).toBe("skipped");
    expect(smtp.to(address)).toHaveLength(1);
  });

  it("relays rows whose job is gone exactly once, and gives up on one whose attempts are used up", async () => {
    const address = uniqueAddress();
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: address });
    signInAs(x.user.id);
    for (let i = 0; i < 3; i++) await emailInvoiceAction({ invoiceId: x.invoiceId });
    const [legacy, lastTry, waiting] = await h.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.invoiceId, x.invoiceId))
      .orderBy(emailOutbox.createdAt, emailOutbox.id);
    if (!legacy || !lastTry || !waiting) throw new Error("three emails expected");
    const longAgo = new Date(Date.now() - 10 * MINUTE);
    // Written before sending moved onto the job engine: no job id (its old job no longer names it).
    await h.db
      .update(emailOutbox)
      .set({ jobId: null, nextAttemptAt: longAgo })
      .where(eq(emailOutbox.id, legacy.id));
    // Killed during its sixth attempt, and its job expired for good.
    await h.db
      .update(emailOutbox)
      .set({ status: "sending", attempts: 6, nextAttemptAt: longAgo })
      .where(eq(emailOutbox.id, lastTry.id));
    await jobs.boss().cancel(EMAIL_QUEUE, lastTry.jobId ?? "");
    // Overdue, but its job is alive: left to it.
    await h.db.update(emailOutbox).set({ nextAttemptAt: longAgo }).where(eq(emailOutbox.id, waiting.id));

    const relays = await Promise.all([
      relayEmailsWithoutJob(h.db, { now: new Date() }),
      relayEmailsWithoutJob(h.db, { now: new Date() }),
    ]);
    expect(relays.reduce((sum, r) => sum + r.requeued + r.failed, 0)).toBeGreaterThanOrEqual(2);
    expect(await relayEmailsWithoutJob(h.db, { now: new Date() })).toEqual({ requeued: 0, failed: 0 });
    const adopted = await h.db.select().from(emailOutbox).where(eq(emailOutbox.id, legacy.id));
    expect(adopted[0]?.jobId).toEqual(expect.any(String));

    await deliver();
    expect(smtp.to(address)).toHaveLength(2);
    const rows = await h.db.select().from(emailOutbox).where(eq(emailOutbox.invoiceId, x.invoiceId));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(legacy.id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(byId.get(waiting.id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(byId.get(lastTry.id)).toMatchObject({
      status: "failed",
      attempts: 6,
      lastError: "The last attempt ended without a result.",
    });
  });
});

describe("payment emails", () => {
  it("sends exactly one receipt and one paid notice when the return page and the webhook both record the payment", async () => {
    const address = uniqueAddress();
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: address });
    const paid = await customerPays(h.db, h.emulator, x);
    await completeReturn(h.db, { token: x.token, paymentIntentId: paid.paymentIntentId });
    expect((await deliverAndApply(paid.event)).status).toBe(200);
    await deliverAndApply(paid.charge);
    await deliverAndApply(paid.event);
    await completeReturn(h.db, { token: x.token, paymentIntentId: paid.paymentIntentId });

    const rows = await listInvoiceEmails(h.db, { userId: x.user.id, invoiceId: x.invoiceId });
    expect(rows.map((r) => r.kind).sort()).toEqual(["payment_receipt", "payment_received"]);
    await deliver();
    await deliver(MINUTE);

    const receipts = smtp.to(address);
    expect(receipts).toHaveLength(1);
    const [receipt] = receipts;
    if (!receipt) throw new Error("no receipt");
    expect(receipt.envelope.to).toEqual([address]);
    expect(receipt.from).toBe(`${x.user.businessName} <${TEST_FROM}>`);
    expect(receipt.replyTo).toBe(x.user.email);
    expect(receipt.subject).toBe(`Receipt for your payment of £120.00 to ${x.user.businessName}`);
    const today = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date());
    for (const part of [receipt.text, receipt.html]) {
      expect(part).toContain("£120.00");
      expect(part).toContain("Visa ending 4242");
      expect(part).toContain("INV-0001");
      expect(part).toContain(today);
      expect(part).toContain(paid.paymentIntentId);
    }
    expect(receipt.text).toContain("Remaining due: £0.00");
    expect(receipt.attachments.map((a) => a.filename)).toEqual(["receipt-INV-0001-R1.pdf"]);
    expect(words(pdfText(receipt.attachments[0]?.content ?? Buffer.alloc(0)))).toContain(
      "Amount paid £120.00",
    );

    const notices = smtp.to(x.user.email);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.from).toBe(`SixthDesk <${TEST_FROM}>`);
    expect(notices[0]?.subject).toBe("You were paid £120.00 for INV-0001");
    expect(notices[0]?.text).toContain("Contoso Ltd paid £120.00 and INV-0001 is now paid in full.");
    expect(notices[0]?.text).toContain(`http://localhost:3000/invoices/${x.invoiceId}`);
  });

  it("stays at one receipt when the return page and the webhook race", async () => {
    const address = uniqueAddress();
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: address });
    const paid = await customerPays(h.db, h.emulator, x);
    await Promise.all([
      completeReturn(h.db, { token: x.token, paymentIntentId: paid.paymentIntentId }),
      deliverAndApply(paid.event),
      deliverAndApply(paid.charge),
      deliverAndApply(paid.charge),
    ]);
    await deliver();
    expect(smtp.to(address)).toHaveLength(1);
    expect(smtp.to(x.user.email)).toHaveLength(1);
  });

  it("tells the Customer what remains due after a part payment, with the link to pay the rest", async () => {
    const address = uniqueAddress();
    const x = await openInvoiceFor(h.db, h.emulator, {
      customerEmail: address,
      invoice: { allowPartialPayments: true, partialMinimumMinor: 1_000 },
    });
    const paid = await customerPays(h.db, h.emulator, { ...x, amount: "50.00" });
    await deliverAndApply(paid.charge);
    await deliver();
    const [receipt] = smtp.to(address);
    expect(receipt?.subject).toBe(`Receipt for your payment of £50.00 to ${x.user.businessName}`);
    expect(receipt?.text).toContain("Remaining due: £70.00");
    expect(receipt?.text).toContain(`Pay the rest: http://localhost:3000/pay/${x.token}`);
    expect(smtp.to(x.user.email)[0]?.text).toContain("£70.00 is still due");
  });

  it("still tells the User when the Customer has no email address", async () => {
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: null });
    const paid = await customerPays(h.db, h.emulator, x);
    await deliverAndApply(paid.charge);
    const rows = await listInvoiceEmails(h.db, { userId: x.user.id, invoiceId: x.invoiceId });
    expect(rows.map((r) => r.kind)).toEqual(["payment_received"]);
  });
});

describe("refund emails", () => {
  async function paidWithRefund(status: "succeeded" | "failed", amountMinor: number) {
    const address = uniqueAddress();
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: address });
    const paid = await customerPays(h.db, h.emulator, x);
    await deliverAndApply(paid.charge);
    const [payment] = await listPaymentsOfInvoice(h.db, { userId: x.user.id, invoiceId: x.invoiceId });
    if (!payment) throw new Error("no payment");
    const [refund] = await h.db
      .insert(refunds)
      .values({
        userId: x.user.id,
        paymentId: payment.id,
        invoiceId: x.invoiceId,
        stripeRefundId: `re_${randomUUID().replaceAll("-", "")}`,
        amountMinor,
        currency: "gbp",
        status,
        failureReason: status === "failed" ? "insufficient_funds" : null,
      })
      .returning();
    if (!refund) throw new Error("no refund");
    return { ...x, address, refund };
  }

  it("tells the Customer once when a refund succeeds, however often it is recorded", async () => {
    const x = await paidWithRefund("succeeded", 5_000);
    const outcomes = await h.db.transaction(async (tx) => [
      await enqueueRefundSucceededEmail(tx, { refund: x.refund }),
      await enqueueRefundSucceededEmail(tx, { refund: x.refund }),
    ]);
    expect(outcomes.map((o) => o.outcome)).toEqual(["queued", "duplicate"]);
    await enqueueRefundSucceededEmail(h.db, { refund: x.refund });
    await deliver();

    const mails = smtp.to(x.address).filter((m) => m.subject.startsWith("Refund"));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`Refund of £50.00 from ${x.user.businessName}`);
    expect(mails[0]?.from).toBe(`${x.user.businessName} <${TEST_FROM}>`);
    for (const part of [mails[0]?.text, mails[0]?.html])
      expect(part).toEqual(expect.stringContaining("Visa ending 4242"));
    expect(mails[0]?.text).toContain("Amount refunded: £50.00");
    expect(mails[0]?.text).toContain("Invoice: INV-0001");
    expect(mails[0]?.attachments.map((a) => a.filename)).toEqual(["credit-note-CN-0001.pdf"]);
    const note = words(pdfText(mails[0]?.attachments[0]?.content ?? Buffer.alloc(0)));
    expect(note).toContain("Credited −£50.00");
    expect(note).toContain("Refund against invoice INV-0001");
  });

  it("tells the User when a refund fails, and why", async () => {
    const x = await paidWithRefund("failed", 3_000);
    const outcome = await h.db.transaction((tx) => enqueueRefundFailedEmail(tx, { refund: x.refund }));
    expect(outcome.outcome).toBe("queued");
    expect((await enqueueRefundFailedEmail(h.db, { refund: x.refund })).outcome).toBe("duplicate");
    await deliver();

    const mails = smtp.to(x.user.email).filter((m) => m.subject.includes("refund"));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.envelope.to).toEqual([x.user.email.toLowerCase()]);
    expect(mails[0]?.subject).toBe("A refund of £30.00 on INV-0001 failed");
    expect(mails[0]?.text).toContain(
      "The refund of £30.00 to Contoso Ltd failed: your Stripe balance did not cover it.",
    );
    expect(mails[0]?.text).toContain(`http://localhost:3000/invoices/${x.invoiceId}`);
    expect(smtp.to(x.address).filter((m) => m.subject.includes("efund"))).toHaveLength(0);
  });
});
