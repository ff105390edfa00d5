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
