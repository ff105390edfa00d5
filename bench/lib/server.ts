import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { cleanUpAll } from "./cleanup";

/** A server process the bench started and must stop by its pid. */
export type ServerProcess = {
  name: string;
  pid: number;
  url: string;
  /** The last lines it printed (for failures and the report). */
  tail(): string[];
  /** Lines matching a pattern so far (e.g. logged errors). */
  count(pattern: RegExp): number;
  stop(): Promise<void>;
};

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

// Variables the app reads; the bench sets its own and never inherits the caller's.
const APP_VARIABLES = [
  "DATABASE_URL",
  "PGLITE_DIR",
  "APP_URL",
  "AUTH_SECRET",
  "NEXTAUTH_URL",
  "NEXTAUTH_SECRET",
  "STRIPE_SECRET_KEY",
  "STRIPE_PUBLISHABLE_KEY",
  "STRIPE_CONNECT_CLIENT_ID",
  "STRIPE_WEBHOOK_SECRET",
  "STRIPE_CONNECT_WEBHOOK_SECRET",
  "STRIPE_EMULATOR",
  "STRIPE_EMULATOR_URL",
  "PLATFORM_FEE_PERCENT",
  "PLATFORM_FEE_FIXED_MINOR",
  "REFUND_APPLICATION_FEE",
  "SMTP_URL",
  "EMAIL_FROM",
  "LOG_LEVEL",
  "NODE_OPTIONS",
];

export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of APP_VARIABLES) delete env[key];
  return { ...env, ...extra };
}

/** The preferred port if it is free, else any free one. */
export async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        const got = typeof address === "object" && address ? address.port : null;
        server.close(() => resolve(got));
      });
    });
  return (await tryListen(preferred)) ?? (await tryListen(0)) ?? preferred;
}

/** Polls `url` until it answers 2xx, or fails with the process's last output. */
export async function waitForUrl(url: string, child: ChildProcess, tail: () => string[], timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up (exit code ${child.exitCode}):\n${tail().slice(-30).join("\n")}`);
}

/** pid and all its descendants, from /proc. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may contain spaces and parentheses: the fields start after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // exited while we looked
    }
  }
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    tree.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return tree;
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the process and its descendants (by pid), SIGKILL to whatever is left after 5 s. */
async function stopTree(pid: number) {
  const pids = processTree(pid).reverse();
  for (const p of pids) {
    try {
      process.kill(p, "SIGTERM");
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + 5_000;
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const p of pids.filter(isAlive)) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

const running = new Set<ServerProcess>();

/** Stops every server still running (the bench's own, by pid), then the other cleanups: on errors and Ctrl-C. */
export async function stopAllServers() {
  await Promise.all([...running].map((s) => s.stop()));
  await cleanUpAll();
}

export async function startProcess(options: {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  url: string;
  /** Null for a process that serves nothing (a worker): started, not waited for. */
  readyPath: string | null;
  cwd?: string;
}): Promise<ServerProcess> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd ?? ROOT,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const counts: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      lines.push(line);
      if (counts.length < 50_000) counts.push(line);
      if (lines.length > 300) lines.shift();
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  if (child.pid === undefined) throw new Error(`${options.name} did not start`);
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server: ServerProcess = {
    name: options.name,
    pid,
    url: options.url,
    tail: () => [...lines],
    count: (pattern) => counts.filter((l) => pattern.test(l)).length,
    async stop() {
      running.delete(server);
      if (child.exitCode === null) {
        await stopTree(pid);
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
      }
    },
  };
  running.add(server);
  if (options.readyPath === null) return server;
  try {
    await waitForUrl(new URL(options.readyPath, options.url).toString(), child, server.tail);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** `next start` of a built app directory (the project itself, or the bare baseline app). */
export function startNext(options: {
  name: string;
  port: number;
  env: NodeJS.ProcessEnv;
  dir?: string;
  readyPath: string;
}) {
  const url = `http://127.0.0.1:${options.port}`;
  const args = [path.join(ROOT, "node_modules/next/dist/bin/next"), "start"];
  if (options.dir) args.push(options.dir);
  args.push("-p", String(options.port), "-H", "127.0.0.1");
  return startProcess({
    name: options.name,
    command: process.execPath,
    args,
    env: options.env,
    url,
    readyPath: options.readyPath,
  });
}
