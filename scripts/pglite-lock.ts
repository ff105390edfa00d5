import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

// PGlite takes no file lock, so the dev server records its pid beside the data folder and scripts
// refuse to open the folder while that process is alive.
export function lockFileFor(dataDir: string) {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}.server.pid`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function assertPgliteFolderFree(dataDir: string) {
  const lock = lockFileFor(dataDir);
  if (!existsSync(lock)) return;
  const pid = Number(readFileSync(lock, "utf8").trim());
  if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
    console.error(
      `The app server (pid ${pid}) has the PGlite database at ${dataDir} open. Stop it first: two processes on one PGlite folder corrupt it.`,
    );
    process.exit(1);
  }
}
