import { PgTransaction } from "drizzle-orm/pg-core";
import type { Database } from "./client";

/**
 * Runs `work` in the caller's transaction when it is given one, else in a new transaction. A nested
 * `db.transaction` would be a savepoint: two more statements on the webhook path that buy nothing
 * there, since the caller lets any error abort its whole transaction. Only for callers that do.
 */
export function withTransaction<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  return isTransaction(db) ? work(db) : db.transaction(work);
}

// A plain boolean, not a type guard: narrowing would lose the schema type that Database carries.
function isTransaction(db: Database): boolean {
  return db instanceof PgTransaction;
}
