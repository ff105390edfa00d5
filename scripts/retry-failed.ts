// `npm run jobs:retry`: puts work that exhausted its retries back in its queue: failed emails (fresh
// attempts), Stripe webhook events that gave up (due again, fresh attempts) and the job engine's dead
// letters (sent again to the queue they came from). Safe beside running servers and workers. With
// PGlite, stop the app server first (one process per data folder).
//   npm run jobs:retry              all three
//   npm run jobs:retry -- emails    failed emails only
//   npm run jobs:retry -- events    failed webhook events only
//   npm run jobs:retry -- jobs      dead-letter jobs only
import { databaseOptionsFromEnv, setDatabase } from "@/db";
import { openDatabase } from "@/db/client";
import { retryAllFailedEvents } from "@/db/queries/stripe-events-failed";
import { retryFailedEmails } from "@/lib/email/retry-failed";
import { configureEnv, EnvError, getEnv } from "@/lib/env";
import { retryDeadLetters } from "@/lib/jobs/failed";
import { startJobs } from "@/lib/jobs/start";
import { setLogLevel } from "@/lib/logger";

configureEnv({ sessions: false });
try {
  setLogLevel(getEnv().LOG_LEVEL);
} catch (error) {
  console.error(error instanceof EnvError ? error.message : String(error));
  process.exit(1);
}
const which = process.argv[2] ?? "all";
if (!["all", "emails", "events", "jobs"].includes(which)) {
  console.error(`Unknown argument "${which}": use emails, events, jobs or nothing (all three).`);
  process.exit(1);
}

const handle = openDatabase(databaseOptionsFromEnv());
setDatabase(handle);
try {
  if (which === "all" || which === "emails") {
    // Each with a new job, queued with it: a running worker sends them.
    const emails = await retryFailedEmails(handle.db, { now: new Date() });
    console.log(`${emails.length} failed email(s) queued again.`);
  }
  if (which === "all" || which === "events") {
    // Due now: a running worker (app server or `npm run worker`) applies them on its next poll.
    const events = await retryAllFailedEvents(handle.db, { now: new Date() });
    console.log(`${events.length} failed Stripe event(s) due again.`);
  }
  if (which === "all" || which === "jobs") {
    // An engine that only sends: this script runs no jobs itself.
    const jobs = await startJobs(handle, { work: false });
    const sent = await retryDeadLetters();
    await jobs.stop();
    console.log(`${sent} dead-letter job(s) sent back to their queues.`);
  }
} finally {
  await handle.close();
}
