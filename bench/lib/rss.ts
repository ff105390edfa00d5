import { readFileSync } from "node:fs";
import { processTree } from "./server";

const PAGE_BYTES = 4096;

/** Resident memory of a process and its descendants, in MB (0 if it is gone). */
export function treeRssMb(pid: number): number {
  let pages = 0;
  for (const p of processTree(pid)) {
    try {
      // statm: size resident shared … (in pages)
      pages += Number(readFileSync(`/proc/${p}/statm`, "utf8").split(" ")[1]);
    } catch {
      // exited while we looked
    }
  }
  return (pages * PAGE_BYTES) / 1024 / 1024;
}

export type RssSampler = {
  /** Highest sample since start. */
  peakMb(): number;
  /** Runs `fn` and returns its result with the peak RSS seen while it ran. */
  during<T>(fn: () => Promise<T>): Promise<{ result: T; peakMb: number }>;
  stop(): void;
};

/** Samples the RSS of a server's process tree every `intervalMs` (250 ms by default). */
export function sampleRss(pid: number, intervalMs = 250): RssSampler {
  let peak = 0;
  const windows = new Set<{ peak: number }>();
  const sample = () => {
    const mb = treeRssMb(pid);
    peak = Math.max(peak, mb);
    for (const w of windows) w.peak = Math.max(w.peak, mb);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    peakMb: () => peak,
    async during(fn) {
      const window = { peak: 0 };
      windows.add(window);
      sample();
      try {
        const result = await fn();
        sample();
        return { result, peakMb: window.peak };
      } finally {
        windows.delete(window);
      }
    },
    stop: () => clearInterval(timer),
  };
}

const TICKS_PER_SECOND = 100;

/** CPU time (user + system, ms) used so far by a process and its descendants. */
export function treeCpuMs(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited while we looked
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
