// `npm run email:worker`: the outbox worker as its own process, for PostgreSQL deployments that want
// sending apart from the web servers (any number of these may run: rows are claimed with SKIP LOCKED).
// With PGlite the worker runs inside the app server instead: one process per data folder.
import { databaseOptionsFromEnv, setDatabase } from "@/db";
import { openDatabase } from "@/db/client";
import { startEmailWorkerFromEnv } from "@/lib/email/start";
import { configureEnv, EnvError, getEnv } from "@/lib/env";
import { setLogLevel } from "@/lib/logger";
import { installShutdownHandlers, onShutdown } from "@/lib/shutdown";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

// The worker signs no one in: it runs in production without AUTH_SECRET.
configureEnv({ sessions: false });
let env: ReturnType<typeof getEnv>;
try {
  env = getEnv();
} catch (error) {
  fail(error instanceof EnvError ? error.message : String(error));
}
setLogLevel(env.LOG_LEVEL);
if (!env.SMTP_URL)
  fail("SMTP_URL is not set: there is nowhere to send emails. Set it, then start the worker.");
const options = databaseOptionsFromEnv();
if (options.kind === "pglite") {
  fail(
    "The database is PGlite, which allows one process per data folder: the app server sends emails itself. Use this worker with DATABASE_URL (PostgreSQL).",
  );
}

const handle = openDatabase(options);
setDatabase(handle);
const worker = startEmailWorkerFromEnv({ pollMs: 2_000 });

// SIGTERM/SIGINT: no new claims, the emails claimed and not sent handed back, the one being sent
// finished, the pool closed; within SHUTDOWN_LIMIT_MS whatever happens.
if (worker) onShutdown({ name: "email worker", run: () => worker.stop() });
onShutdown({ name: "database pool", run: () => handle.close() });
installShutdownHandlers();
// The worker's timer does not hold the process open; this does, until a signal arrives.
setInterval(() => {}, 1 << 30);
