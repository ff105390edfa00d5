// What may reach a log line. Callers already pass ids and codes, but error messages carry text that nobody
// chose to log: the ORM's "Failed query" message includes every bound parameter (a webhook body, with its
// PaymentIntent client secret and the customer's email), and driver or SDK messages can quote input.

const MAX_CAUSES = 5;
const MAX_TEXT = 1_000;

const PATTERNS: [RegExp, string][] = [
  // A PaymentIntent's or SetupIntent's client secret: whoever holds it can confirm the intent.
  [/\b(?:pi|seti)_[A-Za-z0-9]+_secret_[A-Za-z0-9]+/g, "[client secret]"],
  // Stripe API keys, restricted keys and webhook signing secrets.
  [/\b(?:sk|rk)_(?:test|live)_[A-Za-z0-9]+/g, "[stripe key]"],
  [/\bwhsec_[A-Za-z0-9+/=]+/g, "[webhook secret]"],
  // Passwords in connection strings (postgres://user:password@host, smtp://user:password@host).
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:/\s@]+):[^@\s/]+@/gi, "$1:[password]@"],
  // Email addresses are personal data.
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, "[email]"],
];

/** The text with secrets and personal data replaced, and cut to a length a log line can carry. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out.length > MAX_TEXT
    ? `${out.slice(0, MAX_TEXT)}… [${out.length - MAX_TEXT} more characters]`
    : out;
}

/** The ORM's message for a failed statement keeps the SQL (useful) and drops the bound values (data). */
function withoutQueryParams(message: string): string {
  const at = message.indexOf("\nparams:");
  return at === -1 ? message : `${message.slice(0, at)} [params omitted]`;
}

function oneLine(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const codePart = typeof code === "string" || typeof code === "number" ? ` [${code}]` : "";
    return `${error.name}${codePart}: ${withoutQueryParams(error.message)}`;
  }
  return String(error);
}

/**
 * An error as log fields: its name and message, and the chain of causes behind it (the driver's error
 * behind the ORM's, the network error behind the SDK's), each redacted.
 */
export function describeError(error: unknown): { error: string; errorMessage?: string; cause?: string } {
  if (!(error instanceof Error)) return { error: redactText(String(error)) };
  const causes: string[] = [];
  let cause: unknown = error.cause;
  while (cause !== undefined && cause !== null && causes.length < MAX_CAUSES) {
    causes.push(redactText(oneLine(cause)));
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return {
    error: error.name,
    errorMessage: redactText(withoutQueryParams(error.message)),
    ...(causes.length > 0 ? { cause: causes.join(" ← ") } : {}),
  };
}
