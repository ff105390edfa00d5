import "server-only";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import type { OutboxEmail } from "@/db/schema";
import type { EmailAttachment } from "@/lib/documents/attachments";
import { headerText, plainAddress } from "./headers";

/** What the worker needs from a mail transport; tests and the SMTP transport both provide it. */
export type EmailSender = {
  send(email: OutboxEmail, attachments?: EmailAttachment[]): Promise<void>;
  close(): void;
};

// Bounded waits: a slow or silent SMTP server costs one attempt, never a stuck worker.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 };

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1) || "sixthdesk.localhost";
}

/**
 * The message as nodemailer gets it: structured {name, address} objects (nodemailer encodes the names),
 * header text cleaned once more, and a Message-ID from the outbox id, so a receiving server can spot the
 * rare resend after a worker died between sending and recording it.
 */
export function buildMessage(
  email: OutboxEmail,
  fromAddress: string,
  attachments: EmailAttachment[] = [],
): Mail.Options {
  const to = plainAddress(email.toAddress);
  if (!to) throw new Error("outbox email has no valid recipient");
  const replyTo = plainAddress(email.replyTo);
  const cc = email.cc.map((address) => plainAddress(address)).filter((a): a is string => a !== null);
  return {
    from: { name: headerText(email.fromName), address: fromAddress },
    to: email.toName ? { name: headerText(email.toName), address: to } : to,
    ...(cc.length > 0 ? { cc } : {}),
    ...(replyTo ? { replyTo } : {}),
    subject: headerText(email.subject, 300),
    text: email.text,
    html: email.html,
    messageId: `<${email.id}@${domainOf(fromAddress)}>`,
    date: email.createdAt,
    // PDFs rendered by the worker from our own rows: content only, never a path or a URL.
    attachments: attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
    })),
    // Our HTML never embeds files or remote resources; refuse them outright.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

export function createSmtpSender(options: { smtpUrl: string; fromAddress: string }): EmailSender {
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    ...TIMEOUTS,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(email, attachments) {
      await transport.sendMail(buildMessage(email, options.fromAddress, attachments));
    },
    close() {
      transport.close();
    },
  };
}
