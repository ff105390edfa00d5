/**
 * The emulator's clock: real time plus an offset that `POST /_emulator/advance` moves forward, so tests
 * can expire OAuth codes or settle asynchronous refunds without waiting.
 */
export class Clock {
  constructor(private offsetMs = 0) {}

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Unix seconds, as Stripe's `created` fields use. */
  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  get offset(): number {
    return this.offsetMs;
  }

  reset(offsetMs = 0): void {
    this.offsetMs = offsetMs;
  }
}
