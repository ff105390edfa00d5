// `node --import tsx --conditions=react-server bench/reminders.ts [count]`: 10,000 reminders due in the
// same minute on one PostgreSQL (TEST_DATABASE_URL's server, a fresh database), drained by three
// processes at once (two app instances and one worker, each its own pool), then checked: each reminder
// queued exactly once. Prints jobs/s and the time to drain. Never part of `npm test` (timings).
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { setDatabase } from "@/db";
import { openDatabase } from "@/db/client";
import { runDueReminders } from "@/lib/reminders/run";

const NOW = new Date("2031-03-10T09:00:30Z");

async function drain(url: string) {
  const handle = openDatabase({ kind: "postgres", url, max: 4 });
  setDatabase(handle);
  const startedAt = Date.now();
  const pass = await runDueReminders(handle.db, { now: NOW, batchSize: 200 });
  const endedAt = Date.now();
  await handle.close();
  process.stdout.write(`${JSON.stringify({ ...pass, startedAt, endedAt })}\n`);
}

async function seed(url: string, count: number) {
  const handle = openDatabase({ kind: "postgres", url, max: 2 });
  await handle.migrate();
  await handle.close();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const users = 10;
  const perUser = Math.ceil(count / users);
  for (let u = 0; u < users; u++) {
    const [user] = await sql`insert into users (email, name, business_name, password_hash, last_invoice_seq)
      values (${`bench-${u}@example.test`}, 'Bench', ${`Bench ${u}`}, 'x', ${perUser}) returning id`;
    const [customer] = await sql`insert into customers (user_id, name, email)
      values (${user?.id}, 'Buyer', 'buyer@example.test') returning id`;
    await sql`insert into invoices (user_id, customer_id, sequence, number, status, currency, issue_date,
        due_date, subtotal_minor, total_minor, pay_token, sent_at)
      select ${user?.id}, ${customer?.id}, n, 'INV-' || n, 'open', 'gbp', '2031-02-10', '2031-03-10',
        12000, 12000, md5(random()::text || n), now()
      from generate_series(1, ${Math.min(perUser, count - u * perUser)}) as n`;
  }
  await sql.end();
}

async function main() {
  const [mode, arg] = process.argv.slice(2);
  if (mode === "--drain" && arg) return drain(arg);
  const count = Number(mode ?? 10_000);
  const admin = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `sixthdesk_bench_reminders_${randomBytes(3).toString("hex")}`;
  const adminSql = postgres(admin, { max: 1, onnotice: () => {} });
  await adminSql.unsafe(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  try {
    await seed(url.toString(), count);
    const child = () =>
      new Promise<{ sent: number; skipped: number; startedAt: number; endedAt: number }>(
        (resolve, reject) => {
          const p = spawn(
            process.execPath,
            ["--import", "tsx", "--conditions=react-server", "bench/reminders.ts", "--drain", url.toString()],
            { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, LOG_LEVEL: "warn" } },
          );
          let out = "";
          p.stdout.on("data", (d) => {
            out += String(d);
          });
          p.on("exit", (code) => {
            const last = out.trim().split("\n").at(-1) ?? "";
            if (code === 0) resolve(JSON.parse(last));
            else reject(new Error(`drain exited ${code}`));
          });
        },
      );
    const results = await Promise.all([child(), child(), child()]);
    const start = Math.min(...results.map((r) => r.startedAt));
    const end = Math.max(...results.map((r) => r.endedAt));
    const check = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const [row] = await check`select count(*)::int as emails, count(distinct dedupe_key)::int as keys,
      (select count(*)::int from invoice_reminders) as steps from email_outbox where kind = 'invoice_reminder'`;
    await check.end();
    const seconds = (end - start) / 1000;
    console.log(
      JSON.stringify({
        due: count,
        perProcess: results.map((r) => r.sent),
        emails: row?.emails,
        distinct: row?.keys,
        steps: row?.steps,
        exactlyOnce: row?.emails === count && row?.keys === count,
        drainSeconds: Math.round(seconds * 10) / 10,
        remindersPerSecond: Math.round(count / seconds),
        postgres: execFileSync("psql", ["--version"], { encoding: "utf8" }).trim(),
      }),
    );
  } finally {
    await adminSql.unsafe(`drop database if exists ${name} with (force)`);
    await adminSql.end();
  }
}

await main();
