// `npm run worker` (and its old name `npm run email:worker`): every background worker as its own
// process, for PostgreSQL deployments: the job engine (email sending, reminders, recurring invoices) and
// the webhook event queue. Any number may run
// beside any number of app servers (set JOBS_IN_PROCESS=false on those to keep jobs off them).
// With PGlite the app server runs them instead: one process per data folder.
import { databaseOptionsFromEnv, setDatabase } from "@/db";
import { openDatabase } from "@/db/client";
import { emailSenderFromEnv } from "@/lib/email/start";
import { configureEnv, EnvError, getEnv } from "@/lib/env";
import { startJobs } from "@/lib/jobs/start";
import { logger, setLogLevel } from "@/lib/logger";
import { installShutdownHandlers, onShutdown } from "@/lib/shutdown";
import { startStripeEventWorkerInProcess } from "@/lib/stripe/webhooks/start";

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
const options = databaseOptionsFromEnv();
if (options.kind === "pglite") {
  fail(
    "The database is PGlite, which allows one process per data folder: the app server runs the workers itself. Use this worker with DATABASE_URL (PostgreSQL).",
  );
}

const handle = openDatabase(options);
setDatabase(handle);
// Shutdown steps run in the order added: workers first (they hand back what they claimed), pool last.
const jobs = await startJobs(handle, { work: true, sender: emailSenderFromEnv() });
onShutdown({ name: "job engine", run: () => jobs.stop() });
// Nothing wakes this process when an app server stores an event: it looks twice a second when idle.
const events = startStripeEventWorkerInProcess({ pollMs: 500 });
onShutdown({ name: "webhook event worker", run: () => events.stop() });
onShutdown({ name: "database pool", run: () => handle.close() });
installShutdownHandlers();
logger.info("worker started", { email: jobs.sendsEmail });
// The workers' timers do not hold the process open; this does, until a signal arrives.
setInterval(() => {}, 1 << 30);
