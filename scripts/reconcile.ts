// npm run reconcile [-- --account acct_…]: repairs what Stripe's webhooks missed, for every connected
// account or one, and prints what changed. A second run prints no changes.
import { parseArgs } from "node:util";
import { databaseOptionsFromEnv } from "@/db";
import { openDatabase } from "@/db/client";
import { configureEnv } from "@/lib/env";
import { reconcileAccounts } from "@/lib/reconcile/run";
import { installShutdownHandlers, onShutdown } from "@/lib/shutdown";
import { assertPgliteFolderFree } from "./pglite-lock";

// Reconcile signs no one in: it runs in production without AUTH_SECRET.
configureEnv({ sessions: false });

const { values } = parseArgs({ options: { account: { type: "string" } } });
if (values.account !== undefined && !/^acct_[A-Za-z0-9_]+$/.test(values.account)) {
  console.error(`Not a Stripe account id: ${values.account}`);
  process.exit(2);
}

const options = databaseOptionsFromEnv();
if (options.kind === "pglite") await assertPgliteFolderFree(options.dataDir);
const handle = openDatabase(options);
// SIGTERM/SIGINT mid-run: each change commits on its own, so stopping loses nothing a rerun does not
// redo; the pool is closed (any open transaction rolls back) and the process exits.
onShutdown({ name: "database pool", run: () => handle.close() });
installShutdownHandlers();
let failed = false;
try {
  await handle.migrate();
  const results = await reconcileAccounts(handle.db, { accountId: values.account });
  if (results.length === 0) {
    console.log(values.account ? `No User holds ${values.account}.` : "No connected Stripe accounts.");
  }
  for (const result of results) {
    if (!result.ok) {
      failed = true;
      console.error(`${result.accountId}: failed: ${result.error}`);
      continue;
    }
    const { accountId, changes } = result.report;
    console.log(
      `${accountId}: ${changes.length === 0 ? "in step with Stripe, nothing changed" : `${changes.length} change(s)`}`,
    );
    for (const change of changes) console.log(`  - ${change}`);
  }
} finally {
  await handle.close();
}
process.exit(failed ? 1 : 0);
