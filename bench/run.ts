// `npm run bench [-- --quick --no-pglite --sizes=1000,10000,100000 --build --compare=<json> --only=…]`
// (`--only=lighthouse`: the pay page in Lighthouse mobile, PostgreSQL only.)
// Webhook ingestion, the pay flow and the dashboards at scale, against bare baselines, with the app's
// production build under `next start` on PostgreSQL (a fresh database per run) and on PGlite. Prints a
// report and writes it to bench/results/<timestamp>.{json,md} and latest.{json,md}. Never part of
// `npm test`: these are timings on a shared machine, read as ratios measured side by side.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { ensureBuilt } from "./lib/build";
import { PORTS, type RunContext } from "./lib/context";
import { DEFAULT_ADMIN_URL, openPostgres, redact } from "./lib/db";
import { parseOptions, runs } from "./lib/options";
import { renderMarkdown, writeReport } from "./lib/report";
import { freePort, ROOT, stopAllServers } from "./lib/server";
import { benchStripe, startEmulatorProcess } from "./lib/stripe";
import { evaluateTargets, headline } from "./lib/targets";
import type { BenchReport, DatabaseColumn } from "./lib/types";
import { pgliteColumn } from "./pglite-column";
import { postgresColumn } from "./postgres-column";

const options = parseOptions(process.argv.slice(2));
const started = new Date();
const loadSamples = [loadavg()[0] ?? 0];
const loadTimer = setInterval(() => loadSamples.push(loadavg()[0] ?? 0), 5_000);
loadTimer.unref();
const log = (line: string) =>
  console.log(`[bench ${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const round1 = (n: number) => Math.round(n * 10) / 10;

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

async function postgresVersion(url: string): Promise<string> {
  const sql = openPostgres(url, 1);
  try {
    const [row] = await sql.query<{ v: string }>("select current_setting('server_version') v");
    return `PostgreSQL ${row?.v ?? "?"}`;
  } finally {
    await sql.close();
  }
}

function previous(file: string | null): BenchReport["comparedWith"] {
  if (!file) return null;
  const full = path.resolve(ROOT, file);
  if (!existsSync(full)) return null;
  const before = JSON.parse(readFileSync(full, "utf8")) as BenchReport;
  // Recomputed from the stored figures, so runs made before a headline was added still compare.
  let figures = before.headline;
  try {
    figures = { ...before.headline, ...headline(before.columns) };
  } catch {
    // an older layout: keep what it stored
  }
  return {
    file: path.relative(ROOT, full),
    startedAt: before.startedAt,
    commit: before.environment.commit,
    loadAverage: before.environment.loadAverage ?? null,
    headline: figures,
  };
}

async function main() {
  const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
  log(`PostgreSQL at ${redact(adminUrl)}; ${options.quick ? "quick run" : "full run"}`);
  const build = ensureBuilt({ force: options.build, log, baseline: runs(options, "webhooks") });
  const emulator = await startEmulatorProcess(await freePort(PORTS.emulator));
  const ctx: RunContext = { options, emulator, stripe: benchStripe(emulator), log };
  const columns: DatabaseColumn[] = [];
  let postgres = "";
  try {
    postgres = await postgresVersion(adminUrl);
    columns.push(await postgresColumn(ctx, adminUrl));
    // Lighthouse runs on the PostgreSQL column only: a run of nothing else needs no PGlite server.
    if (options.pglite && (["webhooks", "pay", "scale"] as const).some((s) => runs(options, s)))
      columns.push(await pgliteColumn(ctx));
  } finally {
    await stopAllServers();
  }
  const report: BenchReport = {
    startedAt: started.toISOString(),
    durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
    options: { ...options, only: options.only ? [...options.only] : null },
    environment: {
      node: process.version,
      cpus: cpus().length,
      postgres,
      commit: git(["rev-parse", "--short", "HEAD"]),
      // The results the bench itself writes do not make the tree it measured dirty.
      dirty: git(["status", "--porcelain", "--", ".", ":!bench/results"]) !== "",
      build,
      loadAverage: {
        start: round1(loadSamples[0] ?? 0),
        end: round1(loadavg()[0] ?? 0),
        mean: round1(loadSamples.reduce((a, b) => a + b, 0) / loadSamples.length),
        max: round1(Math.max(...loadSamples)),
      },
    },
    columns,
    targets: evaluateTargets(columns),
    headline: headline(columns),
    comparedWith: previous(options.compare),
  };
  const files = writeReport(report);
  console.log(`\n${renderMarkdown(report).split("\n## Results")[0]}`);
  log(`report: ${path.relative(ROOT, files.md)} (and .json, latest.*)`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the bench's servers`);
    stopAllServers().finally(() => process.exit(130));
  });
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await stopAllServers();
  process.exit(1);
});
