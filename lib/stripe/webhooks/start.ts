import "server-only";
import { getDatabaseHandle, getDb } from "@/db";
import { logger } from "@/lib/logger";
import { type StripeEventWorker, startStripeEventWorker } from "./worker";

// One worker per process even if start-up code runs twice (Next's dev server reloads modules).
const holder = globalThis as typeof globalThis & { __sixthdeskStripeEventWorker?: StripeEventWorker };

/** Starts this process's webhook event worker (once). Every serving process runs one. */
export function startStripeEventWorkerInProcess(options: { pollMs?: number } = {}): StripeEventWorker {
  const running = holder.__sixthdeskStripeEventWorker;
  if (running) return running;
  // PGlite has one connection, so lanes beside each other would only queue on it.
  const lanes = getDatabaseHandle().kind === "postgres" ? 3 : 1;
  const worker = startStripeEventWorker({ getDb, pollMs: options.pollMs ?? 5_000, lanes });
  holder.__sixthdeskStripeEventWorker = worker;
  logger.info("webhook event worker started", { lanes });
  return {
    wake: () => worker.wake(),
    async stop() {
      holder.__sixthdeskStripeEventWorker = undefined;
      await worker.stop();
    },
  };
}

/**
 * Tells this process's worker an event is waiting. Without one (a process that serves no background
 * work) the event waits for the next poll of whichever process runs a worker.
 */
export function wakeStripeEventWorker(): void {
  holder.__sixthdeskStripeEventWorker?.wake();
}
