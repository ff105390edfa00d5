// When a failed attempt is tried again, and when it is given up. Pure, so the schedule is unit-tested.

export const MAX_ATTEMPTS = 6;
const BASE_DELAY_MS = 60_000;
const MAX_DELAY_MS = 60 * 60_000;

/** Delay after the `attempts`-th failed attempt: 1, 2, 4, 8, 16 minutes …, at most an hour. */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(BASE_DELAY_MS * 2 ** exponent, MAX_DELAY_MS);
}

export type SmtpFailure = {
  permanent: boolean;
  code: string | null;
  responseCode: number | null;
  message: string;
};

/**
 * Sorts a nodemailer error. Only the server's 5xx answer to this message's envelope or content is
 * permanent (no such mailbox, message refused); connection, TLS, authentication and 4xx answers are
 * about the server or our configuration and may pass later, so they are retried.
 */
export function classifySmtpError(error: unknown): SmtpFailure {
  const e = (typeof error === "object" && error !== null ? error : {}) as {
    code?: unknown;
    responseCode?: unknown;
    message?: unknown;
  };
  const code = typeof e.code === "string" ? e.code : null;
  const responseCode = typeof e.responseCode === "number" ? e.responseCode : null;
  const message = (typeof e.message === "string" ? e.message : String(error))
    .replace(/\s+/g, " ")
    .slice(0, 500);
  const aboutThisMessage = code === "EENVELOPE" || code === "EMESSAGE";
  const permanent = aboutThisMessage && (responseCode === null || responseCode >= 500);
  return { permanent, code, responseCode, message };
}

export function shouldGiveUp(failure: SmtpFailure, attempts: number): boolean {
  return failure.permanent || attempts >= MAX_ATTEMPTS;
}
