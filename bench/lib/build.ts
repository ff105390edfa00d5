import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { cleanEnv, ROOT } from "./server";

export const BASELINE_NEXT_DIR = path.join(ROOT, "bench", "baseline-next");

/** Whether a `next build` is running on this machine (another engineer's, or CI's). */
function nextBuildRunning(): boolean {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (cmd.some((a) => a.endsWith("next") || a.includes("next/dist/bin")) && cmd.includes("build"))
        return true;
    } catch {
      // exited
    }
  }
  return false;
}

function build(dir: string, log: (line: string) => void) {
  if (nextBuildRunning()) {
    throw new Error("another `next build` is running; wait for it to finish, then run the bench again");
  }
  log(`building ${path.relative(ROOT, dir) || "the app"} (next build)…`);
  const args = [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"];
  if (dir !== ROOT) args.push(dir);
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env: cleanEnv({}), stdio: "inherit" });
  if (result.status !== 0) throw new Error(`next build of ${dir} failed (exit ${result.status})`);
}

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(tsx?|css)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "components", "lib", "db"]) walk(path.join(ROOT, dir));
  return newest;
}

/**
 * Builds the app if `.next/BUILD_ID` is missing (or `force`), and the bare Next baseline app likewise.
 * Returns a note on the app build: when it was made, and whether sources changed after it.
 */
export function ensureBuilt(options: {
  force: boolean;
  log: (line: string) => void;
  /** Whether the bare Next baseline is needed (the webhook section only). */
  baseline?: boolean;
}): string {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (options.force || !existsSync(buildId)) build(ROOT, options.log);
  const baselineBuilt = existsSync(path.join(BASELINE_NEXT_DIR, ".next", "BUILD_ID"));
  if ((options.baseline ?? true) && (options.force || !baselineBuilt)) {
    build(BASELINE_NEXT_DIR, options.log);
  }
  const builtAt = statSync(buildId).mtimeMs;
  const stale = newestSource() > builtAt;
  if (stale)
    options.log("warning: app sources changed after the last build; run with --build to measure them");
  return `${new Date(builtAt).toISOString()}${stale ? " (sources changed since; not rebuilt)" : ""}`;
}
