import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { emailInvoiceAction } from "@/app/(dashboard)/invoices/email-actions";
import { listInvoiceEmails } from "@/db/queries/email-outbox";
import { stopRenderer } from "@/lib/documents/renderer";
import { emailSenderFromEnv, isEmailWorkerRunning } from "@/lib/email/start";
import { createSmtpSender } from "@/lib/email/transport";
import { EMAIL_QUEUE } from "@/lib/jobs/queues";
import { startJobs } from "@/lib/jobs/start";
import { openInvoiceFor } from "../support/fixtures";
import { integrationHarness } from "../support/harness";
import { signInAs } from "../support/session";
import { TEST_FROM, uniqueAddress } from "../support/smtp-fixtures";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp-server";

// The email worker as the app server and `npm run worker` run it: pg-boss's own `work` loop.
const h = integrationHarness();
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  stopRenderer();
  await smtp.close();
});

describe("the email worker on the job engine", () => {
  it("has no sender without SMTP_URL: emails and their jobs wait", () => {
    expect(emailSenderFromEnv()).toBeNull();
    expect(isEmailWorkerRunning()).toBe(false);
  });

  it("delivers on its own, and after a graceful stop takes nothing more", async () => {
    const address = uniqueAddress();
    const x = await openInvoiceFor(h.db, h.emulator, { customerEmail: address });
    signInAs(x.user.id);
    await emailInvoiceAction({ invoiceId: x.invoiceId });
    const runner = await startJobs(h.handle, {
      work: true,
      sender: createSmtpSender({ smtpUrl: smtp.url, fromAddress: TEST_FROM }),
    });
    expect(isEmailWorkerRunning()).toBe(true);
    await vi.waitFor(() => expect(smtp.to(address)).toHaveLength(1), { timeout: 20_000 });
    await vi.waitFor(
      async () =>
        expect(await listInvoiceEmails(h.db, { userId: x.user.id, invoiceId: x.invoiceId })).toMatchObject([
          { status: "sent", attempts: 1 },
        ]),
      { timeout: 10_000 },
    );
    await runner.stop();
    expect(isEmailWorkerRunning()).toBe(false);

    await emailInvoiceAction({ invoiceId: x.invoiceId });
    const [queued] = await listInvoiceEmails(h.db, { userId: x.user.id, invoiceId: x.invoiceId });
    expect(queued).toMatchObject({ status: "pending", attempts: 0 });
    // The stopped engine fetches nothing: the new email's job is still waiting for the next worker.
    const inspector = await startJobs(h.handle, { work: false });
    try {
      const [row] = await h.db.query.emailOutbox.findMany({
        where: (e, { eq }) => eq(e.id, queued?.id ?? ""),
      });
      expect((await inspector.boss.getJobById(EMAIL_QUEUE, row?.jobId ?? ""))?.state).toBe("created");
    } finally {
      await inspector.stop();
    }
    expect(smtp.to(address)).toHaveLength(1);
  });
});
