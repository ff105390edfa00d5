// `npm test`: every check the project has, in the order that fails fastest. Installs Chromium and
// poppler-utils with apt when they are missing (Debian), runs the integration suite on PGlite and on PostgreSQL, and the
// Playwright suite against a production build.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import postgres from "postgres";

type Step = { name: string; ms: number; ok: boolean; note?: string };
const steps: Step[] = [];
const isCI = Boolean(process.env.CI);

function run(name: string, command: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n▶ ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const ok = result.status === 0;
  steps.push({ name, ms: Date.now() - started, ok });
  if (!ok) finish(1);
}

function finish(code: number): never {
  console.log("\nSummary");
  for (const s of steps)
    console.log(
      `  ${s.ok ? "✓" : "✗"} ${s.name.padEnd(34)} ${(s.ms / 1000).toFixed(1)} s${s.note ? `  ${s.note}` : ""}`,
    );
  process.exit(code);
}

async function reachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Installs a Debian package with apt when none of `binaries` exists (Chromium, poppler's pdftotext). */
function ensureAptPackage(pkg: string, binaries: string[]) {
  if (binaries.some((b) => existsSync(b))) return;
  console.log(`\n${pkg} is missing; installing Debian's package with apt…`);
  const started = Date.now();
  const asRoot = process.getuid?.() === 0;
  const apt = (args: string[]) =>
    spawnSync(asRoot ? "apt-get" : "sudo", asRoot ? args : ["apt-get", ...args], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  const update = apt(["update"]);
  const install = apt(["install", "-y", pkg]);
  const ok = update.status === 0 && install.status === 0 && binaries.some((b) => existsSync(b));
  steps.push({ name: `install ${pkg} (apt)`, ms: Date.now() - started, ok });
  if (!ok) {
    console.error(`Could not install ${pkg}. On Debian/Ubuntu run: apt-get install -y ${pkg}`);
    finish(1);
  }
}

const npx = "node_modules/.bin";
run("lint (biome)", `${npx}/biome`, ["check", "."]);
run("typecheck (tsc)", `${npx}/tsc`, ["--noEmit"]);
// The PDF tests read documents back with poppler's pdftotext (docs/decisions/0010-pdf-documents-with-typst.md).
ensureAptPackage("poppler-utils", ["/usr/bin/pdftotext"]);
run("unit tests", `${npx}/vitest`, ["run", "--project", "unit", "--project", "emulator"]);
// Integration files spend much of their time waiting on the database and the emulator over HTTP, so one
// more worker than the machine's cores keeps both busy (on 2 cores: PostgreSQL pass 72 → 46 s, PGlite
// 116 → 71 s, all tests unchanged).
const integrationWorkers = `--maxWorkers=${availableParallelism() + 1}`;
run("integration tests on PGlite", `${npx}/vitest`, ["run", "--project", "integration", integrationWorkers], {
  TEST_DB: "pglite",
});

const pgUrl =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
if (await reachable(pgUrl)) {
  // The postgres project holds what only PostgreSQL can show: backends terminated under running
  // transactions, two server processes sharing one database.
  run(
    "integration tests on PostgreSQL",
    `${npx}/vitest`,
    ["run", "--project", "integration", "--project", "postgres", integrationWorkers],
    {
      TEST_DB: "postgres",
      TEST_DATABASE_URL: pgUrl,
    },
  );
} else {
  const banner = "!".repeat(78);
  console.error(
    `\n${banner}\n  THE POSTGRESQL PASS DID NOT RUN: no server at ${pgUrl.replace(/\/\/[^@]*@/, "//")}.\n  Set DATABASE_URL or start PostgreSQL on 127.0.0.1:5432 to run it.\n${banner}\n`,
  );
  steps.push({ name: "integration tests on PostgreSQL", ms: 0, ok: !isCI, note: "NOT RUN: no PostgreSQL" });
  if (isCI) finish(1);
}

ensureAptPackage("chromium", ["/usr/lib/chromium/chromium", "/usr/bin/chromium"]);
run("production build (next build)", `${npx}/next`, ["build"], { NEXT_TELEMETRY_DISABLED: "1" });
run("end-to-end tests (Playwright, Chromium)", `${npx}/playwright`, ["test"], {
  NEXT_TELEMETRY_DISABLED: "1",
});
finish(0);
