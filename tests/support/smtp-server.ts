import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { parseMail, type ReceivedMail } from "./smtp-message";

export type TestSmtpServer = {
  url: string;
  /** Every message accepted so far, parsed. */
  messages: ReceivedMail[];
  /** Messages whose envelope includes this recipient. */
  to(address: string): ReceivedMail[];
  /** Answer RCPT TO for this address with a 4xx (try later) `times` times, then accept. */
  refuseRecipient(address: string, options: { times: number; code: number; message: string }): void;
  /** Answer RCPT TO for this address with a 5xx (no such mailbox) for good. */
  rejectRecipient(address: string, code?: number): void;
  close(): Promise<void>;
};

type Refusal = { remaining: number; code: number; message: string };

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * A real SMTP server on a random local port (smtp-server, the library behind many production MTAs'
 * test suites): no TLS, no authentication, keeps what it receives. Refusals are keyed by recipient so
 * tests sharing a database (and so the outbox) never trip over each other's emails.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const refusals = new Map<string, Refusal>();
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = refusals.get(address.address.toLowerCase());
      if (refusal && refusal.remaining > 0) {
        refusal.remaining -= 1;
        return callback(smtpError(refusal.code, refusal.message));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        };
        messages.push(parseMail(Buffer.concat(chunks).toString("utf8"), envelope));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => m.envelope.to.includes(address.toLowerCase())),
    refuseRecipient(address, options) {
      refusals.set(address.toLowerCase(), {
        remaining: options.times,
        code: options.code,
        message: options.message,
      });
    },
    rejectRecipient(address, code = 550) {
      refusals.set(address.toLowerCase(), {
        remaining: Number.POSITIVE_INFINITY,
        code,
        message: "5.1.1 No such mailbox here",
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
