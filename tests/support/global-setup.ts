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
    databaseUrl: string;
    pgliteDump: string;
  }
}

// TEST_DB picks the database the integration suite runs on. PostgreSQL gets a fresh database per run
// (dropped afterwards); PGlite gets one migrated template whose dump every test file loads.
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
    project.provide("pgliteDump", "");
    return async () => {
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
  project.provide("pgliteDump", file);
  return () => rmSync(dir, { recursive: true, force: true });
}
