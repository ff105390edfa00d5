import { EnvError, getEnv } from "./env";
import { errorContext, logger, setLogLevel } from "./logger";
import { installShutdownHandlers, onShutdown } from "./shutdown";

// Events, emails and jobs wait safely in the database, so a worker that cannot start is logged, never
// fatal to the site.
async function startBackgroundWork() {
  // WEBHOOK_WORKER_IN_PROCESS=false: `npm run worker` applies the events this server stores, so the
  // route's event loop serves deliveries only.
  if (getEnv().WEBHOOK_WORKER_IN_PROCESS) {
    try {
      const { startStripeEventWorkerInProcess } = await import("./stripe/webhooks/start");
      const worker = startStripeEventWorkerInProcess();
      onShutdown({ name: "webhook event worker", run: () => worker.stop() });
    } catch (error) {
      logger.error("webhook event worker did not start", errorContext(error));
    }
  }
  // Email sending, reminders and other scheduled work: due work waits in the database, so an engine
  // that cannot start is logged and picked up by the next start (or by `npm run worker`).
  try {
    const [{ getDatabaseHandle }, { startJobs }, { emailSenderFromEnv }] = await Promise.all([
      import("@/db"),
      import("./jobs/start"),
      import("./email/start"),
    ]);
    const work = getEnv().JOBS_IN_PROCESS;
    const runner = await startJobs(getDatabaseHandle(), { work, sender: work ? emailSenderFromEnv() : null });
    onShutdown({ name: "job engine", run: () => runner.stop() });
  } catch (error) {
    logger.error("job engine did not start", errorContext(error));
  }
}

/**
 * A wrong environment stops start-up with a message naming the variable. `backgroundWork` is false
 * while `next build` loads the app: the workers belong to a serving process only.
 */
export async function onServerStart(options: { backgroundWork: boolean }) {
  try {
    const env = getEnv();
    setLogLevel(env.LOG_LEVEL);
    logger.info("server starting", {
      stripe: env.stripeMode,
      database: env.DATABASE_URL ? "postgres" : "pglite",
    });
    // PGlite admits one process per data folder, so the workers run inside the server; with PostgreSQL
    // the job engine (emails, reminders, recurring) may run apart (`npm run worker`, JOBS_IN_PROCESS=false
    // here), and every instance's webhook worker shares the one queue. Imported here, not above, so that a failing env check is reported before
    // any database code loads.
    if (options.backgroundWork) {
      await startBackgroundWork();
      // SIGTERM/SIGINT: the workers stop and hand back what they claimed, then Next drains HTTP and exits.
      installShutdownHandlers();
    }
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
