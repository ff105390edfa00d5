// Webhook disorder: Stripe "doesn't guarantee delivery of events in the order in which they're
// generated", may deliver an event more than once, and retries failed deliveries "for up to three
// days" (docs "Webhooks": best practices, event ordering, duplicate events, retry behaviour). Switched
// on through the control API, the dispatcher then:
//   - holds each first attempt for a random time within `shuffle_window_ms`, so events of one
//     endpoint arrive shuffled within that window;
//   - for a `duplicate_rate` share of deliveries, sends the same event a second time (its own
//     random delay within the window);
//   - for a `late_rate` share, keeps one more copy back until `releaseLate` (control API
//     `POST /webhooks/release_late`), to play an old event delivered days later.
// Draws come from a seeded generator, so a run repeats.

import { seeded } from "../core/faults";

export type DisorderInput = {
  shuffle_window_ms?: number;
  duplicate_rate?: number;
  late_rate?: number;
  seed?: number;
};

export type DisorderSettings = {
  shuffle_window_ms: number;
  duplicate_rate: number;
  late_rate: number;
  seed: number;
};

export class DisorderInputError extends Error {}

export class Disorder {
  readonly settings: DisorderSettings;
  private readonly random: () => number;

  constructor(input: DisorderInput) {
    const settings: DisorderSettings = {
      shuffle_window_ms: input.shuffle_window_ms ?? 0,
      duplicate_rate: input.duplicate_rate ?? 0,
      late_rate: input.late_rate ?? 0,
      seed: input.seed ?? 1,
    };
    if (!(settings.shuffle_window_ms >= 0 && settings.shuffle_window_ms <= 60_000)) {
      throw new DisorderInputError("shuffle_window_ms must be between 0 and 60000");
    }
    for (const name of ["duplicate_rate", "late_rate"] as const) {
      if (!(settings[name] >= 0 && settings[name] <= 1))
        throw new DisorderInputError(`${name} must be between 0 and 1`);
    }
    this.settings = settings;
    this.random = seeded(settings.seed);
  }

  delayMs(): number {
    return Math.floor(this.random() * this.settings.shuffle_window_ms);
  }

  duplicates(): boolean {
    return this.random() < this.settings.duplicate_rate;
  }

  late(): boolean {
    return this.random() < this.settings.late_rate;
  }

  /** A shuffled copy (Fisher–Yates with the seeded generator), for releasing late deliveries. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}
