import "server-only";
import { getDatabaseHandle, getDb } from "@/db";
import { logger } from "@/lib/logger";
import { type StripeEventWorker, startStripeEventWorker } from "./worker";

// One worker per process even if start-up code runs twice (Next's dev server reloads modules), and one
// count of the deliveries the route is handling, which the worker gives way to.
const holder = globalThis as typeof globalThis & {
  __sixthdeskStripeEventWorker?: StripeEventWorker;
  /** Start times (performance.now()) of the deliveries the route is handling. */
  __sixthdeskDeliveries?: Set<{ startedAt: number }>;
};

/**
 * Deliveries older than this are not waited for: one that hangs (a client sending its body slowly, a
 * statement waiting on a lock) would otherwise make every event wait its full give-way time.
 */
export const GIVE_WAY_TO_DELIVERIES_YOUNGER_THAN_MS = 1_000;

const deliveries = () => {
  holder.__sixthdeskDeliveries ??= new Set();
  return holder.__sixthdeskDeliveries;
};

/** The deliveries in flight that started less than GIVE_WAY_TO_DELIVERIES_YOUNGER_THAN_MS ago. */
export function recentDeliveriesInFlight(now = performance.now()): number {
  let count = 0;
  for (const d of deliveries()) if (now - d.startedAt < GIVE_WAY_TO_DELIVERIES_YOUNGER_THAN_MS) count += 1;
  return count;
}

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
    deliveriesInFlight: () => recentDeliveriesInFlight(),
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
  const delivery = { startedAt: performance.now() };
  deliveries().add(delivery);
  try {
    return await handle();
  } finally {
    deliveries().delete(delivery);
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
