import type { JobKind, JobRecord } from "./state";
import type { OpContext, Store } from "./store";

export type JobHandlers = Record<JobKind, (ctx: OpContext, target: string) => void>;

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs the asynchronous outcomes (refund settlement, disputes, processing payments) when they fall due
 * on the emulator clock: on a timer in real time, or at once through advance / settle.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly handlers: JobHandlers,
  ) {}

  /** Arms one timer for the earliest job. */
  reschedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = this.pending()[0];
    if (!next) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, next.dueAt - this.store.clock.nowMs()));
    this.timer = setTimeout(() => this.runDue(), delay);
    this.timer.unref();
  }

  /** Runs every job due on the emulator clock; returns what ran. */
  runDue(): JobRecord[] {
    return this.run((job) => job.dueAt <= this.store.clock.nowMs());
  }

  /** "Settle now": runs every job, including those the jobs themselves schedule (a dispute after a payment). */
  runAll(): JobRecord[] {
    return this.run(() => true);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private pending(): JobRecord[] {
    return Object.values(this.store.state.jobs).sort((a, b) => a.dueAt - b.dueAt);
  }

  private run(due: (job: JobRecord) => boolean): JobRecord[] {
    const ran: JobRecord[] = [];
    // Bounded: a job may schedule another, never an endless chain.
    for (let round = 0; round < 10; round++) {
      const jobs = this.pending().filter(due);
      if (jobs.length === 0) break;
      for (const job of jobs) {
        delete this.store.state.jobs[job.id];
        this.handlers[job.kind]({ store: this.store, account: job.account, request: null }, job.target);
        ran.push(job);
      }
    }
    this.store.touch();
    this.reschedule();
    return ran;
  }
}
