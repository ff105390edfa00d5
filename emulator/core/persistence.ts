import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { State } from "./state";

/** Reads a saved state; a missing file means a fresh start, an unreadable one is set aside (not lost). */
export function loadState(path: string, log: (message: string) => void): State | null {
  if (!existsSync(path)) return null;
  try {
    const state = JSON.parse(readFileSync(path, "utf8")) as State;
    if (state.version !== 1) throw new Error(`unknown state version ${String(state.version)}`);
    return state;
  } catch (error) {
    const aside = `${path}.unreadable-${Date.now()}`;
    renameSync(path, aside);
    log(`Could not read ${path} (${String(error)}); moved it to ${aside} and started fresh.`);
    return null;
  }
}

/** Writes the state atomically (temp file + rename), so a crash mid-write never corrupts it. */
export function saveState(path: string, state: State): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, path);
}

/** Debounced saving: many changes in one burst cost one write. */
export class Persister {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly path: string,
    private readonly current: () => State,
    private readonly delayMs = 200,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.delayMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    saveState(this.path, this.current());
  }
}
