// Lighthouse on the Customer's pay page, as a phone sees it: Lighthouse 12's default mobile run (a
// Moto G Power-sized screen, simulated slow 4G and a 4× slower CPU) in Debian's Chromium, against the
// production build with the emulator's stand-in Stripe.js. Lighthouse 12.2.3 is the newest release that
// runs on Node 20. Scores move a point or two from run to run on a shared machine, so the bench runs it a
// few times and reports the median run (by performance score), with every run's figures beside it.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { Sql } from "./lib/db";
import { insertOpenInvoices, insertSeller } from "./lib/fixtures";
import { ROOT } from "./lib/server";
import { type BenchStripe, connectedAccount } from "./lib/stripe";
import type { DatabaseColumn, Headline, TargetCheck } from "./lib/types";

const run = promisify(execFile);

export const LIGHTHOUSE_LIMITS = { performance: 95, accessibility: 100, bestPractices: 100, cls: 0.05 };

export type LighthouseRun = {
  performance: number;
  accessibility: number;
  bestPractices: number;
  cls: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  /** Audits that cost points: `id (score)`. */
  failing: string[];
};

export type LighthouseSection = {
  lighthouse: string;
  chromium: string;
  runs: LighthouseRun[];
  median: LighthouseRun;
};

type Audit = { id: string; score: number | null; scoreDisplayMode: string; numericValue?: number };
type Category = { score: number | null; auditRefs: { id: string; weight: number }[] };
type Report = {
  lighthouseVersion: string;
  environment: { hostUserAgent: string };
  categories: Record<"performance" | "accessibility" | "best-practices", Category>;
  audits: Record<string, Audit>;
  runtimeError?: { code: string; message: string };
};

/** CHROME_PATH if set, else Debian's Chromium binary (its /usr/bin wrapper prints noise). */
export function chromiumPath(): string {
  const found = [process.env.CHROME_PATH, "/usr/lib/chromium/chromium", "/usr/bin/chromium"].find(
    (p): p is string => Boolean(p && existsSync(p)),
  );
  if (!found) throw new Error("No Chromium: set CHROME_PATH or `apt-get install -y chromium`.");
  return found;
}

const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
].join(" ");

/** A seller whose account takes charges and one sent invoice: its pay link is what Lighthouse opens. */
export async function prepareLighthouseFixture(stripe: BenchStripe, sql: Sql): Promise<string> {
  const account = await connectedAccount(stripe, "Bench Lighthouse");
  const seller = await insertSeller(sql, {
    email: "bench-lighthouse@bench.test",
    businessName: "Bench Lighthouse Ltd",
    accountId: account,
  });
  const [token] = await insertOpenInvoices(sql, seller, { count: 1 });
  if (!token) throw new Error("no pay link for Lighthouse");
  return token;
}

const score = (c: Category) => Math.round((c.score ?? 0) * 100);

function summarize(report: Report): LighthouseRun {
  if (report.runtimeError)
    throw new Error(`Lighthouse: ${report.runtimeError.code} ${report.runtimeError.message}`);
  const audit = (id: string) => report.audits[id]?.numericValue ?? Number.NaN;
  const failing = Object.values(report.categories).flatMap((category) =>
    category.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => report.audits[ref.id])
      .filter(
        (a): a is Audit =>
          a !== undefined &&
          a.score !== null &&
          a.score < 0.9 &&
          ["binary", "numeric"].includes(a.scoreDisplayMode),
      )
      .map((a) => `${a.id} (${a.score})`),
  );
  return {
    performance: score(report.categories.performance),
    accessibility: score(report.categories.accessibility),
    bestPractices: score(report.categories["best-practices"]),
    cls: Number(audit("cumulative-layout-shift").toFixed(3)),
    fcpMs: Math.round(audit("first-contentful-paint")),
    lcpMs: Math.round(audit("largest-contentful-paint")),
    tbtMs: Math.round(audit("total-blocking-time")),
    failing: [...new Set(failing)],
  };
}

/** Lighthouse's mobile run of `/pay/<token>`, `runs` times; the pay link itself is never printed. */
export async function measureLighthouse(
  appUrl: string,
  token: string,
  options: { runs: number; log: (line: string) => void },
): Promise<LighthouseSection> {
  const chromium = chromiumPath();
  const url = new URL(`/pay/${token}`, appUrl).toString();
  // A first visit compiles nothing in production, but warms the server's caches and the emulator.
  await fetch(url);
  const runs: LighthouseRun[] = [];
  let version = "";
  for (let i = 0; i < options.runs; i++) {
    const { stdout } = await run(
      process.execPath,
      [
        path.join(ROOT, "node_modules/lighthouse/cli/index.js"),
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        "--only-categories=performance,accessibility,best-practices",
        `--chrome-flags=${CHROME_FLAGS}`,
      ],
      { env: { ...process.env, CHROME_PATH: chromium }, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
    );
    const report = JSON.parse(stdout) as Report;
    version = report.lighthouseVersion;
    const result = summarize(report);
    runs.push(result);
    options.log(
      `  lighthouse run ${i + 1}: performance ${result.performance}, accessibility ${result.accessibility}, ` +
        `best practices ${result.bestPractices}, CLS ${result.cls}, LCP ${result.lcpMs} ms, TBT ${result.tbtMs} ms` +
        (result.failing.length > 0 ? `; losing points: ${result.failing.join(", ")}` : ""),
    );
  }
  const sorted = [...runs].sort((a, b) => a.performance - b.performance);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (!median) throw new Error("no Lighthouse run");
  const { stdout: chromeVersion } = await run(chromium, ["--version"]).catch(() => ({ stdout: chromium }));
  return { lighthouse: version, chromium: chromeVersion.trim(), runs, median };
}

export function lighthouseTargets(column: DatabaseColumn): TargetCheck[] {
  const m = column.lighthouse?.median;
  if (!m) return [];
  const L = LIGHTHOUSE_LIMITS;
  return [
    {
      target: "Pay page, Lighthouse mobile: performance",
      figure: `${m.performance}`,
      limit: `≥ ${L.performance}`,
      ok: m.performance >= L.performance,
    },
    {
      target: "Pay page, Lighthouse mobile: accessibility",
      figure: `${m.accessibility}`,
      limit: `${L.accessibility}`,
      ok: m.accessibility >= L.accessibility,
    },
    {
      target: "Pay page, Lighthouse mobile: best practices",
      figure: `${m.bestPractices}`,
      limit: `${L.bestPractices}`,
      ok: m.bestPractices >= L.bestPractices,
    },
    {
      target: "Pay page, Lighthouse mobile: cumulative layout shift",
      figure: `${m.cls}`,
      limit: `< ${L.cls}`,
      ok: m.cls < L.cls,
    },
  ];
}

export function lighthouseHeadline(column: DatabaseColumn): Record<string, Headline> {
  const m = column.lighthouse?.median;
  if (!m) return {};
  const db = column.database;
  const higher = (label: string, value: number): Headline => ({ label, value, unit: "", better: "higher" });
  const lower = (label: string, value: number, unit: string): Headline => ({
    label,
    value,
    unit,
    better: "lower",
  });
  return {
    [`${db}.lighthouse.performance`]: higher(`${db} pay page Lighthouse performance`, m.performance),
    [`${db}.lighthouse.accessibility`]: higher(`${db} pay page Lighthouse accessibility`, m.accessibility),
    [`${db}.lighthouse.bestPractices`]: higher(`${db} pay page Lighthouse best practices`, m.bestPractices),
    [`${db}.lighthouse.cls`]: lower(`${db} pay page CLS`, m.cls, ""),
    [`${db}.lighthouse.lcp`]: lower(`${db} pay page LCP (simulated)`, m.lcpMs, "ms"),
  };
}

export function lighthouseMarkdown(
  column: DatabaseColumn,
  table: (head: string[], rows: (string | number)[][]) => string,
): string[] {
  const l = column.lighthouse;
  if (!l) return [];
  return [
    `### Pay page in Lighthouse (mobile) — ${column.database}`,
    "",
    `Lighthouse ${l.lighthouse}, ${l.chromium}, default mobile settings (simulated slow 4G, 4× CPU slowdown); the median run by performance is the figure, every run below.`,
    "",
    table(
      ["run", "performance", "accessibility", "best practices", "CLS", "FCP", "LCP", "TBT", "losing points"],
      l.runs.map((r, i) => [
        i + 1,
        r.performance,
        r.accessibility,
        r.bestPractices,
        r.cls,
        `${r.fcpMs} ms`,
        `${r.lcpMs} ms`,
        `${r.tbtMs} ms`,
        r.failing.join(", ") || "—",
      ]),
    ),
    "",
  ];
}
