import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { inject } from "vitest";
import { setDatabase } from "@/db";
import { type DatabaseHandle, openDatabase } from "@/db/client";

/**
 * Opens a database of this test file's own, copied from the run's migrated template (PGlite: loaded from
 * its dump; PostgreSQL: CREATE DATABASE … TEMPLATE, dropped again on close), and makes it the app's
 * database for this file.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const handle =
    inject("dbKind") === "postgres"
      ? await copyPostgresTemplate()
      : openDatabase({
          kind: "pglite",
          client: await PGlite.create({ loadDataDir: new Blob([readFileSync(inject("pgliteDump"))]) }),
        });
  setDatabase(handle);
  return handle;
}

async function copyPostgresTemplate(): Promise<DatabaseHandle> {
  const template = new URL(inject("databaseUrl"));
  const name = `${template.pathname.slice(1)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(inject("adminUrl"), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${template.pathname.slice(1)}`);
  const url = new URL(template);
  url.pathname = `/${name}`;
  const handle = openDatabase({ kind: "postgres", url: url.toString(), max: 25 });
  databaseUrls.set(handle.db, url.toString());
  return {
    ...handle,
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const databaseUrls = new WeakMap<object, string>();

/**
 * Another app instance's connection pool on the same database, for tests of what must hold across
 * instances. PostgreSQL: a pool of its own, as a second server process would have. PGlite serves one
 * process only, so there it is the same database (concurrent callers still race on it).
 */
export function openSecondInstance(handle: DatabaseHandle): DatabaseHandle {
  const url = databaseUrls.get(handle.db);
  if (handle.kind !== "postgres" || !url) return { ...handle, close: async () => {} };
  return openDatabase({ kind: "postgres", url, max: 10 });
}
