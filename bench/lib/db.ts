import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { openDatabase } from "../../db/client";
import { onCleanup } from "./cleanup";
import { ROOT } from "./server";

/** The few raw-SQL operations the bench needs, on PostgreSQL or PGlite alike. */
export type Sql = {
  kind: "postgres" | "pglite";
  query<T extends object>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters. */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
};

export const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

function postgresSql(url: string, max = 4): Sql {
  const client = postgres(url, { max, onnotice: () => {} });
  return {
    kind: "postgres",
    query: async <T extends object>(text: string, params: unknown[] = []) =>
      (await client.unsafe(text, params as never[])) as unknown as T[],
    exec: async (text) => {
      await client.unsafe(text);
    },
    close: () => client.end({ timeout: 5 }),
  };
}

export function pgliteSql(client: PGlite): Sql {
  return {
    kind: "pglite",
    query: async <T extends object>(text: string, params: unknown[] = []) =>
      (await client.query<T>(text, params)).rows,
    exec: async (text) => {
      await client.exec(text);
    },
    close: () => client.close(),
  };
}

export type BenchDatabase = { url: string; name: string; drop(): Promise<void> };

/** A fresh, migrated PostgreSQL database for this run, named sixthdesk_bench_<random>. */
export async function createPostgresDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `sixthdesk_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end({ timeout: 5 });
    throw new Error(
      `cannot create a database at ${redact(adminUrl)} (set DATABASE_URL to a PostgreSQL the bench may create databases on): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ kind: "postgres", url: url.toString(), max: 1 });
  await handle.migrate();
  await handle.close();
  const drop = onCleanup(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  });
  return { url: url.toString(), name, drop };
}

export function openPostgres(url: string, max?: number): Sql {
  return postgresSql(url, max);
}

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

/** A fresh PGlite folder under .data/bench/; only one process may have it open at a time. */
export function pgliteFolder(): { dir: string; remove(): void } {
  const dir = path.join(ROOT, ".data", "bench", `pglite-${randomBytes(4).toString("hex")}`);
  const remove = onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, remove: () => void remove() };
}

/**
 * Opens the PGlite folder in this process (the server must not be running), runs `fn`, and closes it.
 * `migrate` applies the app's migrations first (a new folder).
 */
export async function withPglite<T>(dir: string, fn: (sql: Sql) => Promise<T>, migrate = false): Promise<T> {
  mkdirSync(path.dirname(dir), { recursive: true });
  const client = new PGlite(dir);
  try {
    if (migrate) await openDatabase({ kind: "pglite", dataDir: dir, client }).migrate();
    return await fn(pgliteSql(client));
  } finally {
    await client.close();
  }
}
