import { appEnv, PORTS, type RunContext } from "./lib/context";
import { pgliteFolder, type Sql, withPglite } from "./lib/db";
import { runs } from "./lib/options";
import { type RssSampler, sampleRss } from "./lib/rss";
import { freePort, type ServerProcess, startNext } from "./lib/server";
import type { DatabaseColumn } from "./lib/types";
import { preparePayFixture, runPayFlow } from "./pay-flow";
import { measureScale, OTHER_USERS, scaleSessions, scaleTargets, seedScale } from "./scale";
import { expectedEffects, verifyExactlyOnce } from "./webhook-checks";
import {
  prepareWebhookFixture,
  summarizeRun,
  type TargetRun,
  webhookLevels,
  webhookRunner,
} from "./webhooks";

/** PGlite is the embedded default; the scale section stops here (larger sizes take minutes to seed in WASM). */
export const PGLITE_MAX_SIZE = 10_000;

async function seedScaleWithTargets(sql: Sql, sizes: readonly number[]) {
  const seeded = await seedScale(sql, sizes);
  return { seeded, targets: await scaleTargets(sql, seeded.data) };
}

type Server = { app: ServerProcess; rss: RssSampler };

/**
 * The app on a fresh PGlite folder. PGlite admits one process per folder, so every write the bench
 * makes (fixtures, seeding) and every check it reads happens while the server is stopped.
 */
export async function pgliteColumn(ctx: RunContext): Promise<DatabaseColumn> {
  const { options } = ctx;
  const folder = pgliteFolder();
  const column: DatabaseColumn = { database: "pglite", rssPeakMb: 0, serverLogLines: 0, notes: [] };
  const port = await freePort(PORTS.app);
  let server: Server | undefined;
  let appRun: TargetRun | undefined;
  const start = async (): Promise<Server> => {
    const app = await startNext({
      name: "app-pglite",
      port,
      env: appEnv(ctx, port, { PGLITE_DIR: folder.dir }),
      readyPath: "/api/health/ready",
    });
    return { app, rss: sampleRss(app.pid) };
  };
  const stop = async () => {
    if (!server) return;
    column.rssPeakMb = Math.max(column.rssPeakMb, server.rss.peakMb());
    column.serverLogLines += server.app.count(/"level":"(warn|error)"|\berror\b/i);
    server.rss.stop();
    await server.app.stop();
    server = undefined;
  };
  try {
    ctx.log(`PGlite: ${folder.dir} (create and migrate, fixtures)…`);
    const levels = webhookLevels(options.quick);
    const sizes = runs(options, "scale") ? options.sizes.filter((n) => n <= PGLITE_MAX_SIZE) : [];
    const { webhookFixture, payFixture, scale } = await withPglite(
      folder.dir,
      async (sql) => ({
        webhookFixture: runs(options, "webhooks")
          ? await prepareWebhookFixture(ctx.stripe, sql, { levels, label: "pglite" })
          : null,
        scale: sizes.length > 0 ? await seedScaleWithTargets(sql, sizes) : null,
        payFixture: runs(options, "pay")
          ? await preparePayFixture(ctx.stripe, sql, { ...options, label: "pglite" })
          : null,
      }),
      true,
    );

    server = await start();
    if (webhookFixture) {
      const runner = webhookRunner(
        {
          name: "app",
          url: server.app.url,
          path: "/api/webhooks/stripe",
          prefix: "bench",
          pid: server.app.pid,
          backlogPath: "/api/health/ready",
        },
        webhookFixture,
      );
      const active = server;
      const { peakMb } = await active.rss.during(async () => {
        await runner.warmUp();
        for (const level of levels) {
          const r = await runner.level(level);
          ctx.log(`  webhooks app (PGlite) c=${level.connections}: ${r.perSecond} events/s, p99 ${r.p99} ms`);
        }
      });
      appRun = runner.result();
      // The database checks wait until the server has stopped (below).
      const mix = expectedEffects(webhookFixture, appRun.sent).mix;
      const runs = [summarizeRun(appRun)];
      column.webhooks = { levels, runs, mix, checks: [], baselineChecks: {}, rssPeakMb: peakMb };
    }
    if (payFixture) {
      const active = server;
      const { result, peakMb } = await active.rss.during(() =>
        runPayFlow(active.app.url, payFixture, { quick: options.quick, log: ctx.log, pid: active.app.pid }),
      );
      column.pay = { ...result, rssPeakMb: peakMb };
    }
    if (scale) {
      const active = server;
      const sessions = await scaleSessions(active.app.url, scale.targets);
      const { result, peakMb } = await active.rss.during(() =>
        measureScale(active.app.url, sessions, { quick: options.quick, log: ctx.log, pid: active.app.pid }),
      );
      column.scale = {
        otherUsers: OTHER_USERS,
        otherSeedSeconds: scale.seeded.otherSeedSeconds,
        points: sizes.map((size) => ({
          size,
          seedSeconds: scale.seeded.seedSeconds.get(size) ?? 0,
          endpoints: result.get(size) ?? {},
        })),
        queryMs: {},
        plans: [],
        rssPeakMb: peakMb,
      };
      if (options.sizes.some((n) => n > PGLITE_MAX_SIZE)) {
        column.notes.push(
          `PGlite scale stops at ${PGLITE_MAX_SIZE.toLocaleString("en")} invoices (seeding more in WASM takes minutes).`,
        );
      }
    }
    await stop();
    if (webhookFixture && column.webhooks) {
      const w = column.webhooks;
      const run = appRun;
      if (run) w.checks = await withPglite(folder.dir, (sql) => verifyExactlyOnce(sql, webhookFixture, run));
    }
  } finally {
    if (server) {
      column.notes.push(
        ...server.app
          .tail()
          .filter((l) => /error/i.test(l))
          .slice(-5)
          .map((l) => `Server: ${l.slice(0, 300)}`),
      );
    }
    await stop();
    folder.remove();
  }
  return column;
}
