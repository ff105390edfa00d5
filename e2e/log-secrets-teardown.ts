import { existsSync, readFileSync } from "node:fs";
import { EMULATOR_SECRET_KEY, EMULATOR_WEBHOOK_SECRET } from "../emulator/constants";
import { E2E_SERVER_LOG } from "./server-log";

// After the whole e2e run: the app server's log must hold no secret and no personal data, however the
// specs drove it (sign-ups, payments with client secrets, emails to customers, webhook bodies). Fails
// the run naming the line and the kind of leak, never the secret itself.
const LEAKS: [string, RegExp][] = [
  ["a PaymentIntent client secret", /_secret_[A-Za-z0-9]/],
  ["a Stripe key", /\b(?:sk|rk)_(?:test|live)_[A-Za-z0-9]/],
  ["the emulator's secret key", new RegExp(EMULATOR_SECRET_KEY)],
  ["a webhook signing secret", /whsec_[A-Za-z0-9]/],
  ["the webhook signing secret", new RegExp(EMULATOR_WEBHOOK_SECRET)],
  ["an email address", /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/],
  ["a password in a URL", /\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:(?!\[password\])[^@\s/]+@/i],
  ["a webhook body", /"object"\s*:\s*"event"/],
];

export default function checkServerLog() {
  if (!existsSync(E2E_SERVER_LOG)) throw new Error(`no server log at ${E2E_SERVER_LOG}`);
  const lines = readFileSync(E2E_SERVER_LOG, "utf8").split("\n");
  const authSecret = process.env.AUTH_SECRET ?? "e2e-only-secret-0123456789abcdefghijklmnop";
  const found: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.includes(authSecret)) found.push(`line ${index + 1}: AUTH_SECRET`);
    for (const [kind, pattern] of LEAKS) if (pattern.test(line)) found.push(`line ${index + 1}: ${kind}`);
  }
  if (lines.filter((l) => l.startsWith("{")).length === 0) throw new Error("the server log has no log lines");
  if (found.length > 0) {
    throw new Error(`secrets or personal data in ${E2E_SERVER_LOG}:\n  ${found.slice(0, 20).join("\n  ")}`);
  }
}
