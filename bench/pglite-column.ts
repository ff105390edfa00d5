import { signIn } from "./lib/auth";
import { appEnv, PORTS, type RunContext } from "./lib/context";
import { pgliteFolder, withPglite } from "./lib/db";
import { runs } from "./lib/options";
import { type RssSampler, sampleRss } from "./lib/rss";
import { MEASURED_EMAIL } from "./lib/seed-scale";
import { freePort, type ServerProcess, startNext } from "./lib/server";
import type { DatabaseColumn } from "./lib/types";
import { preparePayFixture, runPayFlow } from "./pay-flow";
import {
  createScaleUsers,
  measureScale,
  OTHER_USERS,
  type ScaleData,
  scaleTargets,
  seedScale,
} from "./scale";
import {
  expectedEffects,
  prepareWebhookFixture,
  verifyExactlyOnce,
  webhookLevels,
  webhookRunner,
} from "./webhooks";

/** PGlite is the embedded default; the scale section stops here (larger sizes take minutes to seed in WASM). */
export const PGLITE_MAX_SIZE = 10_000;

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
  const start = async (): Promise<Server> => {
    const app = await startNext({
      name: "app-pglite",
      port,
      env: appEnv(ctx, port, { PGLITE_DIR: folder.dir }),
      readyPath: "/api/health",
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
    const { webhookFixture, payFixture } = await withPglite(
      folder.dir,
      async (sql) => ({
        webhookFixture: runs(options, "webhooks")
          ? await prepareWebhookFixture(ctx.stripe, sql, { levels, label: "pglite" })
          : null,
        payFixture: runs(options, "pay")
          ? await preparePayFixture(ctx.stripe, sql, { ...options, label: "pglite" })
          : null,
      }),
      true,
    );

    server = await start();
    if (webhookFixture) {
      const runner = webhookRunner(
        { name: "app", url: server.app.url, path: "/api/webhooks/stripe", prefix: "bench" },
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
      const run = runner.result();
      // The database checks wait until the server has stopped (below).
      const mix = expectedEffects(webhookFixture, run.sent).mix;
      column.webhooks = { levels, runs: [run], mix, checks: [], baselineChecks: {}, rssPeakMb: peakMb };
    }
    if (payFixture) {
      const active = server;
      const { result, peakMb } = await active.rss.during(() =>
        runPayFlow(active.app.url, payFixture, { quick: options.quick, log: ctx.log }),
      );
      column.pay = { ...result, rssPeakMb: peakMb };
    }
    await stop();
    if (webhookFixture && column.webhooks) {
      const w = column.webhooks;
      const run = w.runs[0];
      if (run) w.checks = await withPglite(folder.dir, (sql) => verifyExactlyOnce(sql, webhookFixture, run));
    }

    const sizes = options.sizes.filter((s) => s <= PGLITE_MAX_SIZE);
    if (runs(options, "scale") && sizes.length > 0) {
      column.scale = { otherUsers: OTHER_USERS, points: [], queryMs: {}, plans: [], rssPeakMb: 0 };
      let data: ScaleData | undefined;
      for (const size of sizes) {
        ctx.log(`  PGlite: seeding ${size.toLocaleString("en")} invoices (server stopped)…`);
        const { targets, seedSeconds } = await withPglite(folder.dir, async (sql) => {
          data ??= await createScaleUsers(sql);
          const seedSeconds = await seedScale(sql, data, size);
          return { targets: await scaleTargets(sql, data, size), seedSeconds };
        });
        server = await start();
        const active = server;
        const cookie = await signIn(active.app.url, MEASURED_EMAIL);
        const { result, peakMb } = await active.rss.during(() =>
          measureScale(active.app.url, cookie, targets, { quick: options.quick, log: ctx.log }),
        );
        column.scale.rssPeakMb = Math.max(column.scale.rssPeakMb, peakMb);
        column.scale.points.push({ size, seedSeconds, endpoints: result });
        await stop();
      }
      column.notes.push(`PGlite scale stops at ${PGLITE_MAX_SIZE.toLocaleString("en")} invoices.`);
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
