import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/client";

declare module "vitest" {
  export interface ProvidedContext {
    dbKind: "pglite" | "postgres";
    /** PostgreSQL: the migrated template each test file copies into a database of its own. */
    databaseUrl: string;
    /** PostgreSQL: where test files create and drop their databases. */
    adminUrl: string;
    pgliteDump: string;
  }
}

// TEST_DB picks the database the integration suite runs on. Either way every test file gets a database
// of its own, copied from one migrated template: a file's queue workers (webhook events, emails) then
// never pick up another file's rows. PostgreSQL: a template database per run, copied per file with
// CREATE DATABASE … TEMPLATE, all dropped afterwards. PGlite: a dump of the template that each file loads.
export default async function setup(project: TestProject) {
  const kind = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
  if (kind === "postgres") {
    const adminUrl =
      process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
    const name = `sixthdesk_it_${randomBytes(4).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = openDatabase({ kind: "postgres", url: url.toString(), max: 2 });
    await handle.migrate();
    await handle.close();
    project.provide("dbKind", "postgres");
    project.provide("databaseUrl", url.toString());
    project.provide("adminUrl", adminUrl);
    project.provide("pgliteDump", "");
    return async () => {
      // The files drop their copies when they close; a file that crashed leaves one behind.
      const left = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${`${name}_%`}`;
      for (const { datname } of left) await admin.unsafe(`drop database if exists ${datname} with (force)`);
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const client = new PGlite();
  await openDatabase({ kind: "pglite", client }).migrate();
  const dump = await client.dumpDataDir("none");
  await client.close();
  const dir = mkdtempSync(path.join(tmpdir(), "sixthdesk-pglite-"));
  const file = path.join(dir, "template.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("dbKind", "pglite");
  project.provide("databaseUrl", "");
  project.provide("adminUrl", "");
  project.provide("pgliteDump", file);
  return () => rmSync(dir, { recursive: true, force: true });
}
