import "server-only";
import { getDatabaseHandle, getDb } from "@/db";
import { logger } from "@/lib/logger";
import { type StripeEventWorker, startStripeEventWorker } from "./worker";

// One worker per process even if start-up code runs twice (Next's dev server reloads modules), and one
// count of the deliveries the route is handling, which the worker gives way to.
const holder = globalThis as typeof globalThis & {
  __sixthdeskStripeEventWorker?: StripeEventWorker;
  __sixthdeskDeliveriesInFlight?: number;
};

/** Starts this process's webhook event worker (once). Every serving process runs one. */
export function startStripeEventWorkerInProcess(options: { pollMs?: number } = {}): StripeEventWorker {
  const running = holder.__sixthdeskStripeEventWorker;
  if (running) return running;
  // PGlite has one connection, so lanes beside each other would only queue on it.
  const lanes = getDatabaseHandle().kind === "postgres" ? 3 : 1;
  const worker = startStripeEventWorker({
    getDb,
    pollMs: options.pollMs ?? 5_000,
    lanes,
    deliveriesInFlight: () => holder.__sixthdeskDeliveriesInFlight ?? 0,
  });
  const handle: StripeEventWorker = {
    wake: () => worker.wake(),
    async stop() {
      if (holder.__sixthdeskStripeEventWorker === handle) holder.__sixthdeskStripeEventWorker = undefined;
      await worker.stop();
    },
  };
  holder.__sixthdeskStripeEventWorker = handle;
  logger.info("webhook event worker started", { lanes });
  return handle;
}

/** Counts a delivery the route is handling while `handle` runs. */
export async function whileDelivering<T>(handle: () => Promise<T>): Promise<T> {
  holder.__sixthdeskDeliveriesInFlight = (holder.__sixthdeskDeliveriesInFlight ?? 0) + 1;
  try {
    return await handle();
  } finally {
    holder.__sixthdeskDeliveriesInFlight -= 1;
  }
}

/**
 * Tells this process's worker an event is waiting. Without one (a process that serves no background
 * work) the event waits for the next poll of whichever process runs a worker.
 */
export function wakeStripeEventWorker(): void {
  holder.__sixthdeskStripeEventWorker?.wake();
}

/** Whether this process runs a webhook event worker (readiness reports it). */
export function isStripeEventWorkerRunning(): boolean {
  return holder.__sixthdeskStripeEventWorker !== undefined;
}
