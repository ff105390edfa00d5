// JSON lines on stdout/stderr: a message and a flat context object. Callers pass ids and codes,
// never secrets, card data or whole Stripe objects; every string value is redacted again on the way out
// (lib/log-redaction.ts), because error messages carry text nobody chose to log.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { describeError, redactText } from "./log-redaction";

type Level = "debug" | "info" | "warn" | "error";
type Context = Record<string, string | number | boolean | null | undefined>;

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let minimum: number = ORDER.info;

// Set from the validated env at start-up; logging works before that, even while env validation fails.
export function setLogLevel(level: Level) {
  minimum = ORDER[level];
}

/** An error as log fields, with its chain of causes; see lib/log-redaction.ts. */
export function errorContext(error: unknown): Context {
  return describeError(error);
}

function redactContext(context: Context | undefined): Context | undefined {
  if (!context) return context;
  const out: Context = {};
  for (const [key, value] of Object.entries(context))
    out[key] = typeof value === "string" ? redactText(value) : value;
  return out;
}

// The request's or job's own fields (its id above all), added to every line logged while it runs,
// however deep the call that logs.
const scope = new AsyncLocalStorage<Context>();

/** Runs `work` with `context` (merged over any outer one) on every log line it writes. */
export function withLogContext<T>(context: Context, work: () => T): T {
  return scope.run({ ...scope.getStore(), ...context }, work);
}

/** An id for a request or a job, or the caller's if it sent a sane one (a proxy's X-Request-Id). */
export function requestIdFrom(headers?: Headers): string {
  const given = headers?.get("x-request-id");
  return given && /^[A-Za-z0-9._:-]{8,128}$/.test(given) ? given : randomUUID();
}

function write(level: Level, message: string, context?: Context) {
  if (ORDER[level] < minimum) return;
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    message,
    ...redactContext(scope.getStore()),
    ...redactContext(context),
  });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (message: string, context?: Context) => write("debug", message, context),
  info: (message: string, context?: Context) => write("info", message, context),
  warn: (message: string, context?: Context) => write("warn", message, context),
  error: (message: string, context?: Context) => write("error", message, context),
};
