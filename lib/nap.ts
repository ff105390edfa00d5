// The pause of a polling worker's loop: it sleeps until its poll interval passes or someone wakes it,
// and its timer never keeps the process alive.

export type Nap = {
  /** Resolves after `ms`, or at once when woken meanwhile. */
  sleep(ms: number): Promise<void>;
  /** Ends the current sleep, if any. */
  wake(): void;
  isSleeping(): boolean;
};

export function createNap(): Nap {
  let timer: NodeJS.Timeout | undefined;
  let resolveSleep: (() => void) | undefined;
  return {
    sleep(ms) {
      return new Promise<void>((resolve) => {
        resolveSleep = resolve;
        timer = setTimeout(resolve, ms);
        timer.unref();
      }).finally(() => {
        resolveSleep = undefined;
        timer = undefined;
      });
    },
    wake() {
      if (timer) clearTimeout(timer);
      resolveSleep?.();
    },
    isSleeping: () => resolveSleep !== undefined,
  };
}
