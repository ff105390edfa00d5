// Both drivers surface PostgreSQL's SQLSTATE as `code`; drizzle may wrap the driver error in `cause`.
type PgErrorLike = { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown };

function findPgError(error: unknown): PgErrorLike | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const candidate = current as PgErrorLike;
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return undefined;
}

function constraintOf(error: PgErrorLike): string | undefined {
  const name = error.constraint ?? error.constraint_name;
  return typeof name === "string" ? name : undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = findPgError(error);
  if (pg?.code !== "23505") return false;
  return constraint === undefined || constraintOf(pg) === constraint;
}

export function isForeignKeyViolation(error: unknown): boolean {
  return findPgError(error)?.code === "23503";
}

// The driver's own codes for a connection it could not open or lost, the socket's, and PostgreSQL's
// classes 08 (connection exception), 53 (insufficient resources: too many connections) and 57P
// (operator intervention: shutdown, terminated backend, cannot connect now).
const UNAVAILABLE_CODES = new Set([
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
]);

/**
 * Whether the error means the database cannot be reached right now (not that a statement was wrong):
 * the request answers 503 "try again" rather than a generic failure.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") {
      if (UNAVAILABLE_CODES.has(code) || /^(08|53|57P)/.test(code)) return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
