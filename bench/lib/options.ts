/** Command-line flags of `npm run bench` (after `--`). */
export type BenchOptions = {
  /** Small counts and sizes: a smoke run of every section in a minute or two. */
  quick: boolean;
  /** Repeat the webhook, pay-flow (and small scale) sections with the server on PGlite. */
  pglite: boolean;
  /** Invoice counts of the measured User in the scale section. */
  sizes: number[];
  /** Rebuild even if `.next/BUILD_ID` exists (after changing app code). */
  build: boolean;
  /** A previous result (JSON) to show beside this run; default bench/reference/before.json if present. */
  compare: string | null;
  /** Sections to run; default all. */
  only: Set<Section> | null;
  /** NODE_OPTIONS for the app server only (e.g. --max-old-space-size=160, to see where memory settles). */
  appNodeOptions: string | null;
  /**
   * Where webhook events are applied on PostgreSQL: in a separate `npm run worker` process
   * (WEBHOOK_WORKER_IN_PROCESS=false on the app, the recommended PostgreSQL deployment; the default),
   * whose CPU is counted too, or in the app server (`in-process`, as with PGlite).
   */
  webhookWorker: "in-process" | "process";
  /** Node flags for that worker process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, which NODE_OPTIONS refuses). */
  workerNodeArgs: string[];
  /** The separate worker's nice level (0–19): how far it stands back from the app server for the CPU. */
  workerNice: number;
  /** How many separate worker processes (`--webhook-worker=process`). */
  workers: number;
};

export const SECTIONS = ["webhooks", "pay", "scale", "lighthouse"] as const;
export type Section = (typeof SECTIONS)[number];

export const DEFAULT_SIZES = [1_000, 10_000, 100_000];
const QUICK_SIZES = [1_000, 5_000];

const USAGE = `npm run bench -- [--quick] [--no-pglite] [--sizes=1000,10000,100000] [--build]
                   [--compare=bench/results/<file>.json | --no-compare] [--only=webhooks,pay,scale,lighthouse]
                   [--app-node-options="--max-old-space-size=160"] [--webhook-worker=in-process|process]
                   [--worker-node-args="--cpu-prof --cpu-prof-dir=/tmp/prof"] [--worker-nice=10] [--workers=1]`;

function sizesFrom(value: string): number[] {
  const sizes = value.split(",").map((s) => Number(s.trim().replace(/_/g, "")));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 100 || n > 1_000_000)) {
    throw new Error(`--sizes must be whole numbers between 100 and 1000000, such as 1000,10000: ${value}`);
  }
  return [...new Set(sizes)].sort((a, b) => a - b);
}

function sectionsFrom(value: string): Set<Section> {
  const names = value.split(",").map((s) => s.trim());
  const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Error(`--only takes ${SECTIONS.join(", ")}; unknown: ${unknown.join(", ")}`);
  return new Set(names as Section[]);
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    quick: false,
    pglite: true,
    sizes: DEFAULT_SIZES,
    build: false,
    compare: "bench/reference/before.json",
    only: null,
    appNodeOptions: null,
    webhookWorker: "process",
    workerNodeArgs: [],
    workerNice: 0,
    workers: 1,
  };
  let sizesGiven = false;
  for (const arg of argv) {
    const at = arg.indexOf("=");
    const [flag, value] = at < 0 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
    if (flag === "--quick") options.quick = true;
    else if (flag === "--no-pglite") options.pglite = false;
    else if (flag === "--build") options.build = true;
    else if (flag === "--no-compare") options.compare = null;
    else if (flag === "--compare" && value) options.compare = value;
    else if (flag === "--sizes" && value) {
      options.sizes = sizesFrom(value);
      sizesGiven = true;
    } else if (flag === "--only" && value) options.only = sectionsFrom(value);
    else if (flag === "--app-node-options" && value) options.appNodeOptions = value;
    else if (flag === "--workers" && value !== undefined) {
      const workers = Number(value);
      if (!Number.isInteger(workers) || workers < 1 || workers > 8)
        throw new Error(`--workers takes 1 to 8: ${value}`);
      options.workers = workers;
    } else if (flag === "--worker-nice" && value !== undefined) {
      const nice = Number(value);
      if (!Number.isInteger(nice) || nice < 0 || nice > 19)
        throw new Error(`--worker-nice takes 0 to 19: ${value}`);
      options.workerNice = nice;
    } else if (flag === "--webhook-worker" && (value === "in-process" || value === "process"))
      options.webhookWorker = value;
    else if (flag === "--worker-node-args" && value)
      options.workerNodeArgs = value.split(/\s+/).filter(Boolean);
    else if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown flag ${arg}\n${USAGE}`);
  }
  if (options.quick && !sizesGiven) options.sizes = QUICK_SIZES;
  return options;
}

export function runs(options: BenchOptions, section: Section): boolean {
  return options.only === null || options.only.has(section);
}
