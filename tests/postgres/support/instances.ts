import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";

/** Secrets the instances run with; the storm test checks that none reaches their logs. */
export const INSTANCE_SECRETS = {
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  HEALTH_TOKEN: randomBytes(24).toString("base64url"),
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export type Instance = {
  name: string;
  url: string;
  /** Everything the process wrote, stdout and stderr. */
  log: string[];
  child: ChildProcess;
  exited: Promise<number | null>;
  ready(token?: string): Promise<Response>;
};

/**
 * Starts tests/postgres/support/app-instance.ts as its own process (node --import tsx, in-process so that
 * signals reach it directly, react-server conditions) in production mode; waits until it is ready.
 */
export async function startInstance(options: {
  name: string;
  databaseUrl: string;
  emulatorUrl: string;
  log?: string[];
  port?: number;
}): Promise<Instance> {
  const port = options.port ?? (await freePort());
  const log = options.log ?? [];
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "tests/postgres/support/app-instance.ts"],
    {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        PORT: String(port),
        DATABASE_URL: options.databaseUrl,
        STRIPE_EMULATOR_URL: options.emulatorUrl,
        LOG_LEVEL: "info",
        ...INSTANCE_SECRETS,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const instance: Instance = {
    name: options.name,
    url,
    log,
    child,
    exited,
    ready: (token) =>
      fetch(`${url}/api/health/ready`, {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        signal: AbortSignal.timeout(5_000),
      }),
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited at start:\n${log.join("")}`);
    const status = await instance.ready().then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return instance;
    if (Date.now() > deadline) throw new Error(`${options.name} never became ready:\n${log.join("")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
