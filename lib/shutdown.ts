import { errorContext, logger } from "./logger";

/** What stops on SIGTERM/SIGINT before the HTTP server drains: the queue workers. */
export type ShutdownStep = { name: string; run: () => Promise<void> };

/** Time the steps get together; then the HTTP drain, then the process exits whatever is left. */
export const SHUTDOWN_STEPS_MS = 15_000;
/** The whole shutdown, signal to exit: under the 30 s a container platform usually waits before SIGKILL. */
export const SHUTDOWN_LIMIT_MS = 25_000;

// On globalThis: Next may load this module twice (instrumentation and route bundles), and readiness
// must see the one state.
const holder = globalThis as typeof globalThis & {
  __sixthdeskShutdown?: { started: boolean; steps: ShutdownStep[]; installed: boolean };
};
const state = () => {
  holder.__sixthdeskShutdown ??= { started: false, steps: [], installed: false };
  return holder.__sixthdeskShutdown;
};

/** True from the first SIGTERM/SIGINT: readiness answers 503 so that load balancers stop sending. */
export function isShuttingDown(): boolean {
  return state().started;
}

/** Adds a step, run in the order added. */
export function onShutdown(step: ShutdownStep): void {
  state().steps.push(step);
}

/**
 * Marks the process as shutting down and runs the steps, each within what is left of SHUTDOWN_STEPS_MS.
 * Resolves when they are done; the signal handlers below decide what follows.
 */
export async function runShutdownSteps(signal: string): Promise<void> {
  const s = state();
  s.started = true;
  const deadline = Date.now() + SHUTDOWN_STEPS_MS;
  logger.info("shutting down", { signal, steps: s.steps.map((step) => step.name).join(", ") });
  for (const step of s.steps) {
    const left = deadline - Date.now();
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      step.run().then(
        () => "done" as const,
        (error: unknown) => {
          logger.error("shutdown step failed", { step: step.name, ...errorContext(error) });
          return "failed" as const;
        },
      ),
      new Promise<"timed out">((resolve) => {
        timer = setTimeout(() => resolve("timed out"), Math.max(0, left));
      }),
    ]);
    clearTimeout(timer);
    if (outcome === "timed out") logger.warn("shutdown step timed out", { step: step.name });
  }
}

/**
 * Takes over SIGTERM and SIGINT: the steps run first (stop claiming, hand back what is not started,
 * finish what is), then the handlers that were there before, Next's own, which stop accepting
 * connections, drain the requests in flight and exit. Whatever hangs, the process exits after
 * SHUTDOWN_LIMIT_MS. Without earlier handlers (a script), the process exits after the steps.
 */
export function installShutdownHandlers(): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    // One by one, not removeAllListeners: a runner's hidden relay (tsx's, which tells its parent that
    // the child took the signal) must stay, or the parent kills the child 30 ms later.
    const previous = process.listeners(signal);
    for (const listener of previous) process.removeListener(signal, listener);
    process.on(signal, () => {
      if (s.started) return;
      setTimeout(() => {
        logger.error("shutdown took too long; exiting", { limitMs: SHUTDOWN_LIMIT_MS });
        process.exit(1);
      }, SHUTDOWN_LIMIT_MS).unref();
      void runShutdownSteps(signal).then(() => {
        if (previous.length === 0) process.exit(0);
        for (const listener of previous) listener(signal);
      });
    });
  }
}
