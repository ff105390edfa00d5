import type { AddressInfo } from "node:net";
import { type ControlClient, createControlClient } from "./control-client";
import type { RateLimitInput, RateLimitMode } from "./core/rate-limits";
import { Emulator } from "./emulator";
import { createEmulatorServer } from "./http/server";

export * from "./constants";
export { type ControlClient, createControlClient } from "./control-client";
export type * from "./control-types";
export type { RateLimitMode, RateLimitSettings } from "./core/rate-limits";
export { TEST_CARDS, type TestCardKey } from "./resources/test-cards";
export { signatureHeader } from "./webhooks/signing";

export type StartEmulatorOptions = {
  /** 0 = a random free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** JSON file to persist state to (created if missing); omitted = in memory only. */
  statePath?: string;
  /** The origin browsers and webhooks-facing URLs should use, if not `http://host:port`. */
  publicUrl?: string;
  /** Delays before each webhook retry; the list's length bounds the retries. Default [1000, 5000, 25000, 60000]. */
  webhookRetryDelaysMs?: number[];
  /** Per-attempt webhook timeout. Default 10 s. */
  webhookTimeoutMs?: number;
  /** Seconds until asynchronous outcomes happen by themselves (settle/advance make them happen at once). */
  asyncDelays?: { refundSeconds?: number; disputeSeconds?: number; paymentSeconds?: number };
  /**
   * Stripe's rate limits (emulator/README.md, "Rate limits"): `live` (100/s per account), `sandbox`
   * (25/s), or figures of your own; default `off`. The control API changes them at run time.
   */
  rateLimits?: RateLimitMode | RateLimitInput;
  /** Where the emulator logs (unreadable state files and the like). Default console.warn. */
  log?: (message: string) => void;
};

export type RunningEmulator = {
  /** e.g. http://127.0.0.1:12111 */
  url: string;
  port: number;
  /** Typed client for the control API (`/_emulator/…`) of this emulator. */
  control: ControlClient;
  /** The in-process emulator, for tests that want to look inside. */
  emulator: Emulator;
  /** Stops the server, waits for in-flight webhook attempts and persists state. */
  close(): Promise<void>;
};

export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS = [1000, 5000, 25_000, 60_000];

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? ((message: string) => console.warn(`[stripe-emulator] ${message}`));
  const emulator = new Emulator({
    publicUrl: options.publicUrl ?? `http://${host}`,
    statePath: options.statePath ?? null,
    webhookRetryDelaysMs: options.webhookRetryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    asyncDelays: { refundSeconds: 30, disputeSeconds: 10, paymentSeconds: 10, ...options.asyncDelays },
    log,
    rateLimits: typeof options.rateLimits === "string" ? { mode: options.rateLimits } : options.rateLimits,
  });
  const server = createEmulatorServer(emulator, options.publicUrl ?? null);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // A wildcard bind address is not somewhere a browser can go.
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const url = options.publicUrl ?? `http://${reachable}:${port}`;
  emulator.store.publicUrl = url;
  return {
    url,
    port,
    control: createControlClient(url),
    emulator,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await emulator.close();
    },
  };
}
