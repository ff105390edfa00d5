import { describe, expect, it } from "vitest";
import { classifySmtpError, MAX_ATTEMPTS, retryDelayMs, shouldGiveUp } from "./retry";

const smtpError = (code: string, responseCode?: number) =>
  Object.assign(new Error(`${responseCode ?? ""} refused`), { code, responseCode });

describe("retryDelayMs", () => {
  it("doubles from a minute and stops at an hour", () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000, 960_000]);
    expect(retryDelayMs(10)).toBe(3_600_000);
  });
});

describe("classifySmtpError", () => {
  it("treats a 5xx answer about this message as permanent", () => {
    expect(classifySmtpError(smtpError("EENVELOPE", 550))).toMatchObject({
      permanent: true,
      responseCode: 550,
    });
    expect(classifySmtpError(smtpError("EMESSAGE", 554)).permanent).toBe(true);
  });

  it("retries 4xx answers, connection trouble and our own configuration problems", () => {
    expect(classifySmtpError(smtpError("EENVELOPE", 451)).permanent).toBe(false);
    expect(classifySmtpError(smtpError("ECONNECTION")).permanent).toBe(false);
    expect(classifySmtpError(smtpError("ESOCKET")).permanent).toBe(false);
    expect(classifySmtpError(smtpError("EAUTH", 535)).permanent).toBe(false);
    expect(classifySmtpError("weird").permanent).toBe(false);
  });

  it("keeps the message short and on one line", () => {
    const failure = classifySmtpError(new Error(`line one\r\nline two ${"x".repeat(1000)}`));
    expect(failure.message).toMatch(/^line one line two x+$/);
    expect(failure.message.length).toBe(500);
  });
});

describe("shouldGiveUp", () => {
  it("gives up on a permanent failure or after the last attempt", () => {
    const temporary = classifySmtpError(smtpError("ECONNECTION"));
    expect(shouldGiveUp(temporary, MAX_ATTEMPTS - 1)).toBe(false);
    expect(shouldGiveUp(temporary, MAX_ATTEMPTS)).toBe(true);
    expect(shouldGiveUp(classifySmtpError(smtpError("EENVELOPE", 550)), 1)).toBe(true);
  });
});
