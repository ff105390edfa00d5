import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { installJobEngine } from "../lib/jobs/queues";
import { preparingStatements } from "./prepared-statements";
import * as schema from "./schema";

export type Schema = typeof schema;
/** A database or a transaction: queries accept either, so callers can group writes in one transaction. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseHandle = {
  db: Database;
  kind: "pglite" | "postgres";
  /** PostgreSQL: where it connects (tests open a second client on the same database). */
  url?: string;
  /** PGlite: the client itself (the job engine runs its SQL through it: lib/jobs/engine.ts). */
  pglite?: PGlite;
  /** The app's migrations, then the job engine's schema and queues (lib/jobs/queues.ts). */
  migrate(): Promise<void>;
  close(): Promise<void>;
};

// Resolved from the project root: scripts and tests run there, and bundling would move this file.
export const MIGRATIONS_FOLDER = path.resolve(/* turbopackIgnore: true */ process.cwd(), "db", "migrations");

export type OpenDatabaseOptions =
  /** prepare: statements prepared per connection (db/prepared-statements.ts); default true. */
  | { kind: "postgres"; url: string; max?: number; prepare?: boolean }
  /** dataDir undefined → in memory. */
  | { kind: "pglite"; dataDir?: string; client?: PGlite };

/**
 * How long PostgreSQL work may take before it fails rather than hangs (README "Operating SixthDesk").
 * A parameter in DATABASE_URL's query (`?statement_timeout=60000`) overrides the server-side ones.
 */
export const POSTGRES_TIMEOUTS = {
  /** Seconds to open a connection: a database that is down fails requests in seconds, not 30. */
  connectSeconds: 5,
  /** Seconds an unused pooled connection stays open (the pool reopens on demand). */
  idleSeconds: 60,
  /** A single statement (lock waits included). */
  statementMs: 30_000,
  /**
   * A transaction that sits idle is ended by the server. Above the longest await inside one: preparing
   * a payment calls Stripe under the invoice's row lock (20 s timeout, two retries).
   */
  idleInTransactionMs: 90_000,
  /**
   * Seconds between attempts to reopen a connection after failures: doubling from 0.1, at most 2. The
   * driver's default grows to 20 s, so a pool could stay dead that long after the database is back.
   */
  reconnectBackoffSeconds: (failures: number) => Math.min(0.1 * 2 ** failures, 2),
};

export function openDatabase(options: OpenDatabaseOptions): DatabaseHandle {
  if (options.kind === "postgres") {
    // The driver is patched (patches/postgres+3.4.9.patch, docs/decisions/0007): a transaction whose
    // backend died rejects its later statements instead of running them on a replacement connection.
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connect_timeout: POSTGRES_TIMEOUTS.connectSeconds,
      idle_timeout: POSTGRES_TIMEOUTS.idleSeconds,
      backoff: POSTGRES_TIMEOUTS.reconnectBackoffSeconds,
      connection: {
        application_name: "sixthdesk",
        statement_timeout: POSTGRES_TIMEOUTS.statementMs,
        idle_in_transaction_session_timeout: POSTGRES_TIMEOUTS.idleInTransactionMs,
      },
    });
    const db = drizzlePostgres(options.prepare === false ? client : preparingStatements(client), { schema });
    const handle: DatabaseHandle = {
      db,
      kind: "postgres",
      url: options.url,
      migrate: async () => {
        await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
        await installJobEngine(handle);
      },
      close: () => client.end({ timeout: 5 }),
    };
    return handle;
  }
  // PGlite creates its own folder but not the parents.
  if (options.dataDir) mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const client = options.client ?? new PGlite(options.dataDir);
  const db = drizzlePglite(client, { schema });
  const handle: DatabaseHandle = {
    db,
    kind: "pglite",
    pglite: client,
    migrate: async () => {
      await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
      await installJobEngine(handle);
    },
    close: () => client.close(),
  };
  return handle;
}
