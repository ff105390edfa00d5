import path from "node:path";
import { EMULATOR_WEBHOOK_SECRET } from "../emulator/constants";
import { measureExports } from "./exports";
import { BASELINE_TABLES } from "./lib/baseline-webhook";
import { BASELINE_NEXT_DIR } from "./lib/build";
import { appEnv, PORTS, type RunContext } from "./lib/context";
import { createPostgresDatabase, openPostgres, type Sql } from "./lib/db";
import { runs } from "./lib/options";
import { explainQueries } from "./lib/plans";
import { type RssSampler, sampleRss } from "./lib/rss";
import { fastSeeding } from "./lib/seed-scale";
import { cleanEnv, freePort, ROOT, type ServerProcess, startNext, startProcess } from "./lib/server";
import type { DatabaseColumn, ScaleSection, WebhookSection } from "./lib/types";
import { measureLighthouse, prepareLighthouseFixture } from "./lighthouse";
import { preparePayFixture, runPayFlow } from "./pay-flow";
import { measureScale, OTHER_USERS, scaleSessions, scaleTargets, seedScale } from "./scale";
import { expectedEffects, prepareBaselineTables, verifyBaseline, verifyExactlyOnce } from "./webhook-checks";
import {
  prepareWebhookFixture,
  summarizeRun,
  type WebhookFixture,
  webhookLevels,
  webhookRunner,
} from "./webhooks";

async function startBaselines(
  databaseUrl: string,
): Promise<{ bareNext: ServerProcess; nodeHttp: ServerProcess }> {
  const env = { DATABASE_URL: databaseUrl, WEBHOOK_SECRET: EMULATOR_WEBHOOK_SECRET };
  const bareNextPort = await freePort(PORTS.bareNext);
  const bareNext = await startNext({
    name: "bare-next",
    port: bareNextPort,
    dir: BASELINE_NEXT_DIR,
    env: cleanEnv({ ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }),
    // The baseline has only a liveness route (bench/baseline-next/app/api/health).
    readyPath: "/api/health",
  });
  const nodePort = await freePort(PORTS.nodeHttp);
  const nodeHttp = await startProcess({
    name: "node-http",
    command: process.execPath,
    args: [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "bench/baseline-server.ts"],
    env: cleanEnv({ ...env, BASELINE_PORT: String(nodePort), NODE_ENV: "production" }),
    url: `http://127.0.0.1:${nodePort}`,
    readyPath: "/health",
  });
  return { bareNext, nodeHttp };
}

async function webhookSection(
  ctx: RunContext,
  sql: Sql,
  app: ServerProcess,
  fixture: WebhookFixture,
  databaseUrl: string,
  workers: ServerProcess[],
): Promise<Omit<WebhookSection, "rssPeakMb">> {
  const levels = webhookLevels(ctx.options.quick);
  const { bareNext, nodeHttp } = await startBaselines(databaseUrl);
  const runners = [
    webhookRunner(
      {
        name: "app",
        url: app.url,
        path: "/api/webhooks/stripe",
        prefix: "bench",
        pid: app.pid,
        workerPids: workers.map((w) => w.pid),
        backlogPath: "/api/health/ready",
        stripeRequests: async () => {
          const limits = await ctx.stripe.emulator.control.getRateLimits();
          const limited = Object.values(limits.limited).reduce((a, b) => a + b, 0);
          return { requests: limits.admitted + limited, limited };
        },
      },
      fixture,
    ),
    webhookRunner(
      { name: "bare-next", url: bareNext.url, path: "/api/webhook", prefix: "bnext", pid: bareNext.pid },
      fixture,
    ),
    webhookRunner(
      { name: "node-http", url: nodeHttp.url, path: "/webhook", prefix: "bnode", pid: nodeHttp.pid },
      fixture,
    ),
  ];
  // Stripe's live-mode limits while the app applies the stream: its reads meet them as they would live.
  await ctx.stripe.emulator.control.setRateLimits({ mode: "live" });
  try {
    for (const runner of runners) await runner.warmUp();
    // Side by side: each level runs against the app and then the baselines, so noise hits all alike.
    for (const level of levels) {
      for (const runner of runners) {
        const r = await runner.level(level);
        ctx.log(
          `  webhooks ${runner.target.name} c=${level.connections}: ${r.perSecond} events/s, p99 ${r.p99} ms`,
        );
      }
    }
  } finally {
    await ctx.stripe.emulator.control.setRateLimits({ mode: "off" }).catch(() => {});
    await bareNext.stop();
    await nodeHttp.stop();
  }
  const [appRun, ...baselineRuns] = runners.map((r) => r.result());
  if (!appRun) throw new Error("no app run");
  await new Promise((r) => setTimeout(r, 1_000));
  const baselineChecks: Record<string, Awaited<ReturnType<typeof verifyBaseline>>> = {};
  for (const run of baselineRuns) baselineChecks[run.target.name] = await verifyBaseline(sql, fixture, run);
  return {
    levels,
    runs: [appRun, ...baselineRuns].map(summarizeRun),
    mix: expectedEffects(fixture, appRun.sent).mix,
    checks: await verifyExactlyOnce(sql, fixture, appRun),
    baselineChecks,
  };
}

async function scaleSection(
  ctx: RunContext,
  databaseUrl: string,
  app: ServerProcess,
  rss: RssSampler,
): Promise<ScaleSection> {
  const { during } = rss;
  const { sizes } = ctx.options;
  const seeder = openPostgres(databaseUrl, 1);
  try {
    if (!(await fastSeeding(seeder))) ctx.log("  (not a superuser: seeding with foreign-key checks on)");
    ctx.log(
      `  seeding Users with ${sizes.map((n) => n.toLocaleString("en")).join(", ")} invoices and ${OTHER_USERS} others…`,
    );
    const seeded = await seedScale(seeder, sizes);
    const targets = await scaleTargets(seeder, seeded.data);
    const sessions = await scaleSessions(app.url, targets);
    const measured = await during(() =>
      measureScale(app.url, sessions, { quick: ctx.options.quick, log: ctx.log, pid: app.pid }),
    );
    const section: ScaleSection = {
      otherUsers: OTHER_USERS,
      otherSeedSeconds: seeded.otherSeedSeconds,
      points: sizes.map((size) => ({
        size,
        seedSeconds: seeded.seedSeconds.get(size) ?? 0,
        endpoints: measured.result.get(size) ?? {},
      })),
      queryMs: {},
      plans: [],
      rssPeakMb: measured.peakMb,
      exports: await measureExports(app.url, sessions, { rss, pid: app.pid, log: ctx.log }),
    };
    for (const [size, user] of seeded.data.measured) {
      const plans = await explainQueries({
        databaseUrl,
        userId: user.userId,
        invoiceId: targets.get(size)?.invoiceIds[0] ?? "",
        search: targets.get(size)?.search,
        lateOffset: (Math.ceil(size / 25) - 1) * 25,
      }).catch((error: unknown) => {
        ctx.log(`  EXPLAIN failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
        return [];
      });
      const bySize: Record<string, number> = {};
      for (const p of plans) bySize[p.operation] = (bySize[p.operation] ?? 0) + p.executionMs;
      section.queryMs[size] = bySize;
      if (size === Math.max(...sizes))
        section.plans = [...plans].sort((a, b) => b.executionMs - a.executionMs).slice(0, 4);
    }
    return section;
  } finally {
    await seeder.close();
  }
}

/** Every section with the app on a fresh PostgreSQL database (and the baselines beside it). */
export async function postgresColumn(ctx: RunContext, adminUrl: string): Promise<DatabaseColumn> {
  const { options } = ctx;
  const database = await createPostgresDatabase(adminUrl);
  ctx.log(`PostgreSQL: database ${database.name}`);
  const sql = openPostgres(database.url, 4);
  const column: DatabaseColumn = { database: "postgres", rssPeakMb: 0, serverLogLines: 0, notes: [] };
  let app: ServerProcess | undefined;
  const workers: ServerProcess[] = [];
  try {
    const levels = webhookLevels(options.quick);
    let webhookFixture: WebhookFixture | undefined;
    if (runs(options, "webhooks")) {
      ctx.log("  creating PaymentIntents and refunds in the emulator, invoices and payments in SQL…");
      webhookFixture = await prepareWebhookFixture(ctx.stripe, sql, { levels, label: "pg" });
      await prepareBaselineTables(sql, webhookFixture, BASELINE_TABLES);
    }
    const payFixture = runs(options, "pay")
      ? await preparePayFixture(ctx.stripe, sql, { ...options, label: "pg" })
      : null;
    const lighthouseToken = runs(options, "lighthouse")
      ? await prepareLighthouseFixture(ctx.stripe, sql)
      : null;

    const port = await freePort(PORTS.app);
    const separateWorker = options.webhookWorker === "process";
    const env = {
      ...appEnv(ctx, port, { DATABASE_URL: database.url }),
      ...(separateWorker ? { WEBHOOK_WORKER_IN_PROCESS: "false" } : {}),
    };
    app = await startNext({ name: "app", port, env, readyPath: "/api/health/ready" });
    // The recommended PostgreSQL deployment: the app stores and acknowledges, `npm run worker` applies.
    // At the same priority as the app unless --worker-nice says otherwise (exec'd by `nice` in place:
    // same pid); --workers runs several.
    for (let n = 1; separateWorker && n <= options.workers; n++) {
      workers.push(
        await startProcess({
          name: options.workers === 1 ? "worker" : `worker ${n}`,
          command: "nice",
          args: [
            "-n",
            String(options.workerNice),
            process.execPath,
            ...options.workerNodeArgs,
            "--import",
            "tsx",
            "--conditions=react-server",
            "scripts/worker.ts",
          ],
          env,
          url: app.url,
          readyPath: null,
        }),
      );
    }
    const rss = sampleRss(app.pid);
    const running = app;
    if (webhookFixture) {
      const fixture = webhookFixture;
      const { result, peakMb } = await rss.during(() =>
        webhookSection(ctx, sql, running, fixture, database.url, workers),
      );
      column.webhooks = { ...result, rssPeakMb: peakMb };
    }
    if (payFixture) {
      const { result, peakMb } = await rss.during(() =>
        runPayFlow(running.url, payFixture, { quick: options.quick, log: ctx.log, pid: running.pid }),
      );
      column.pay = { ...result, rssPeakMb: peakMb };
    }
    if (lighthouseToken) {
      column.lighthouse = await measureLighthouse(running.url, lighthouseToken, {
        runs: options.quick ? 1 : 3,
        log: ctx.log,
      });
    }
    if (runs(options, "scale")) column.scale = await scaleSection(ctx, database.url, running, rss);
    column.rssPeakMb = rss.peakMb();
    column.serverLogLines = app.count(/"level":"(warn|error)"|\berror\b/i);
    rss.stop();
  } finally {
    if (app) {
      column.notes.push(
        ...app
          .tail()
          .filter((l) => /error/i.test(l))
          .slice(-5)
          .map((l) => `Server: ${l.slice(0, 300)}`),
      );
      await app.stop();
    }
    for (const worker of workers) {
      column.notes.push(
        ...worker
          .tail()
          .filter((l) => /error/i.test(l))
          .slice(-5)
          .map((l) => `Worker: ${l.slice(0, 300)}`),
      );
      await worker.stop();
    }
    await sql.close();
    await database.drop();
  }
  return column;
}
