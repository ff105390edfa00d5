// The one clock scheduled work reads (reminders, the job engine's handlers). Tests set it to move time
// instead of sleeping; on globalThis so that every bundle of the app sees the one setting.
const holder = globalThis as typeof globalThis & { __sixthdeskClock?: () => Date };

export function now(): Date {
  return holder.__sixthdeskClock ? holder.__sixthdeskClock() : new Date();
}

/** Tests only: a fixed or moving clock; `null` restores the real one. */
export function setClock(clock: (() => Date) | null): void {
  holder.__sixthdeskClock = clock ?? undefined;
}
