import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { setDatabase } from "@/db";
import { type DatabaseHandle, openDatabase } from "@/db/client";

/** Opens the run's test database (PGlite from the migrated template, or the run's PostgreSQL database)
 * and makes it the app's database for this test file. */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const handle =
    inject("dbKind") === "postgres"
      ? openDatabase({ kind: "postgres", url: inject("databaseUrl"), max: 25 })
      : openDatabase({
          kind: "pglite",
          client: await PGlite.create({ loadDataDir: new Blob([readFileSync(inject("pgliteDump"))]) }),
        });
  setDatabase(handle);
  return handle;
}
