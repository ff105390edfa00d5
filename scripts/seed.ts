import { databaseOptionsFromEnv } from "@/db";
import { openDatabase } from "@/db/client";
import { seedDemo } from "@/lib/seed/demo";
import { assertPgliteFolderFree } from "./pglite-lock";

const options = databaseOptionsFromEnv();
if (options.kind === "pglite") await assertPgliteFolderFree(options.dataDir);
const handle = openDatabase(options);
try {
  await handle.migrate();
  const seeded = await seedDemo(handle.db);
  console.log(seeded.created ? "Demo data created." : "Demo data already present.");
  console.log(`Sign in with ${seeded.email} / ${seeded.password}`);
} finally {
  await handle.close();
}
