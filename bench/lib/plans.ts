import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT } from "./server";

export type ExplainInput = {
  databaseUrl: string;
  userId: string;
  invoiceId: string;
  /** The last page's offset, for a tree whose lists are pages by offset (an older commit). */
  lateOffset: number;
  /** What the search endpoints look for (bench/scale.ts). */
  search?: { email: string; amount: string; from: string; to: string };
};

export type ExplainEntry = {
  operation: string;
  sql: string;
  executionMs: number;
  planningMs: number;
  plan: string;
};

/** Runs bench/explain.ts in a child process (it needs the react-server condition) and returns its plans. */
export function explainQueries(input: ExplainInput): Promise<ExplainEntry[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "bench/explain.ts"],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_EXPLAIN: JSON.stringify(input) },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString("utf8");
    });
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString("utf8");
    });
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("["))
        reject(new Error(`explain failed (exit ${code}):\n${err.slice(-2000)}`));
      else resolve(JSON.parse(line) as ExplainEntry[]);
    });
  });
}
