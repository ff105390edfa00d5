// Things to undo however the run ends (errors, Ctrl-C): servers by pid, the bench database, PGlite folders.
const tasks = new Set<() => Promise<void> | void>();

/** Registers an undo step; returns a function that runs it now (once) and unregisters it. */
export function onCleanup(task: () => Promise<void> | void): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    tasks.delete(once);
    await task();
  };
  tasks.add(once);
  return once;
}

/** Runs every registered step, newest first, ignoring failures. */
export async function cleanUpAll() {
  for (const task of [...tasks].reverse()) {
    try {
      await task();
    } catch (error) {
      console.error(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
