import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { databaseOptionsFromEnv } from "@/db";
import { openDatabase } from "@/db/client";
import { EnvError, getEnv } from "@/lib/env";
import { seedDemo } from "@/lib/seed/demo";
import { startEmulatorForApp } from "./emulator-for-app";
import { assertPgliteFolderFree, lockFileFor } from "./pglite-lock";

// `npm run dev`: migrate, seed an empty database with the demo account, then run Next in dev mode.
// The database is closed before Next opens it: PGlite allows one process per folder.

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let env: ReturnType<typeof getEnv>;
try {
  env = getEnv();
} catch (error) {
  fail(error instanceof EnvError ? error.message : String(error));
}

const dbOptions = databaseOptionsFromEnv();
if (dbOptions.kind === "pglite") await assertPgliteFolderFree(dbOptions.dataDir);

const handle = openDatabase(dbOptions);
let demo: Awaited<ReturnType<typeof seedDemo>>;
try {
  console.log(
    dbOptions.kind === "pglite" ? `Opening PGlite at ${dbOptions.dataDir}…` : "Connecting to PostgreSQL…",
  );
  await handle.migrate();
  demo = await seedDemo(handle.db);
} finally {
  await handle.close();
}

// No Stripe keys: the offline emulator runs in this process (state kept in .data across restarts).
const emulator =
  env.stripeMode === "emulator"
    ? await startEmulatorForApp({
        port: Number(new URL(env.STRIPE_EMULATOR_URL).port || 12111),
        appUrl: env.APP_URL,
        statePath: ".data/stripe-emulator.json",
      })
    : null;

const port = process.env.PORT ?? (new URL(env.APP_URL).port || "3000");
const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "--port", port], {
  stdio: "inherit",
  env: process.env,
});

const lock = dbOptions.kind === "pglite" ? lockFileFor(dbOptions.dataDir) : null;
if (lock && next.pid) writeFileSync(lock, String(next.pid));

console.log(
  [
    "",
    `  SixthDesk is starting at ${env.APP_URL}`,
    `  Demo account: ${demo.email} / ${demo.password}${demo.created ? " (just created)" : ""}`,
    emulator
      ? `  Stripe: offline emulator at ${emulator.url} (connect its demo account from Settings → Payments; test card 4242 4242 4242 4242)`
      : "  Stripe: your Stripe keys",
    "",
  ].join("\n"),
);

function stop(signal: NodeJS.Signals) {
  next.kill(signal);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
next.on("exit", async (code) => {
  if (lock) rmSync(lock, { force: true });
  await emulator?.close();
  process.exit(code ?? 0);
});
