import { EMULATOR_PLATFORM_ACCOUNT_ID } from "./constants";
import { loadState, Persister } from "./core/persistence";
import type { RateLimitInput } from "./core/rate-limits";
import { Scheduler } from "./core/scheduler";
import { emptyState, type State } from "./core/state";
import { type AsyncDelays, type OpContext, Store } from "./core/store";
import { seedAccounts } from "./resources/accounts";
import { JOB_HANDLERS } from "./resources/jobs";
import { WebhookDispatcher } from "./webhooks/dispatcher";

export type EmulatorSettings = {
  /** Where the emulator is reached (its own origin), used in URLs it hands out. */
  publicUrl: string;
  /** JSON file to persist state to; null keeps everything in memory. */
  statePath: string | null;
  webhookRetryDelaysMs: number[];
  webhookTimeoutMs: number;
  asyncDelays: AsyncDelays;
  /** Stripe's rate limits: a mode (`off`, `live`, `sandbox`) and figures on top; kept across resets. */
  rateLimits?: RateLimitInput;
  log: (message: string) => void;
};

function freshState(): State {
  return emptyState();
}

/** The emulator's moving parts: the store, webhook delivery, scheduled outcomes and persistence. */
export class Emulator {
  readonly store: Store;
  readonly dispatcher: WebhookDispatcher;
  readonly scheduler: Scheduler;
  private readonly persister: Persister | null;

  constructor(readonly settings: EmulatorSettings) {
    const saved = settings.statePath ? loadState(settings.statePath, settings.log) : null;
    this.store = new Store(saved ?? freshState());
    if (!saved) seedAccounts(this.store);
    this.store.publicUrl = settings.publicUrl;
    this.store.delays = settings.asyncDelays;
    if (settings.rateLimits) this.store.rateLimits.configure(settings.rateLimits);
    this.dispatcher = new WebhookDispatcher(this.store, {
      retryDelaysMs: settings.webhookRetryDelaysMs,
      timeoutMs: settings.webhookTimeoutMs,
    });
    this.scheduler = new Scheduler(this.store, JOB_HANDLERS);
    this.persister = settings.statePath ? new Persister(settings.statePath, () => this.store.state) : null;
    this.store.hooks = {
      onEvent: (event) => this.dispatcher.enqueue(event),
      onJobsChanged: () => this.scheduler.reschedule(),
      onChange: () => this.persister?.schedule(),
    };
    // Work left over from the last run: deliveries still pending, outcomes still due.
    this.dispatcher.resume();
    this.scheduler.reschedule();
  }

  /** A context acting as `account` outside any API request (control API, jobs). */
  context(account = EMULATOR_PLATFORM_ACCOUNT_ID): OpContext {
    return { store: this.store, account, request: null };
  }

  /** Back to a fresh emulator (demo accounts only); optionally keeps the registered webhook endpoints. */
  reset(options: { keepWebhookEndpoints?: boolean } = {}): void {
    this.dispatcher.clearTimers();
    const endpoints = options.keepWebhookEndpoints ? this.store.state.webhookEndpoints : {};
    this.store.state = freshState();
    this.store.state.webhookEndpoints = endpoints;
    this.store.clock.reset(0);
    this.store.faults.clear();
    // The limits are the emulator's configuration, like its delays: a reset only refills the buckets.
    this.store.rateLimits.reset();
    seedAccounts(this.store);
    this.scheduler.reschedule();
    this.store.touch();
  }

  async close(): Promise<void> {
    this.scheduler.close();
    await this.dispatcher.close();
    this.persister?.flush();
  }
}
