import { databaseOptionsFromEnv } from "@/db";
import { openDatabase } from "@/db/client";
import { assertPgliteFolderFree } from "./pglite-lock";

const options = databaseOptionsFromEnv();
if (options.kind === "pglite") await assertPgliteFolderFree(options.dataDir);
const handle = openDatabase(options);
const started = Date.now();
try {
  await handle.migrate();
  const where = options.kind === "postgres" ? "PostgreSQL" : `PGlite at ${options.dataDir}`;
  console.log(`Migrations applied to ${where} in ${Date.now() - started} ms`);
} finally {
  await handle.close();
}
