import path from "node:path";
import { getEnv } from "@/lib/env";
import { type Database, type DatabaseHandle, openDatabase } from "./client";

export type { Database, DatabaseHandle } from "./client";

// One handle per process, kept on globalThis so Next's dev reloads do not open a second PGlite on the
// same folder (PGlite takes no file lock; two instances corrupt it).
const holder = globalThis as typeof globalThis & { __sixthdeskDb?: DatabaseHandle };

export function databaseOptionsFromEnv() {
  const env = getEnv();
  if (env.DATABASE_URL) {
    return { kind: "postgres", url: env.DATABASE_URL, prepare: env.DATABASE_PREPARED_STATEMENTS } as const;
  }
  return {
    kind: "pglite",
    dataDir: path.resolve(/* turbopackIgnore: true */ process.cwd(), env.PGLITE_DIR ?? ".data/pglite"),
  } as const;
}

export function getDatabaseHandle(): DatabaseHandle {
  holder.__sixthdeskDb ??= openDatabase(databaseOptionsFromEnv());
  return holder.__sixthdeskDb;
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}

/** Scripts and tests choose the database explicitly instead of from the environment. */
export function setDatabase(handle: DatabaseHandle) {
  holder.__sixthdeskDb = handle;
}
