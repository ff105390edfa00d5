import type { ExportRun } from "../exports";
import type { LighthouseSection } from "../lighthouse";
import type { PayFlowResult } from "../pay-flow";
import type { ScalePoint } from "../scale";
import type { ExactlyOnceCheck } from "../webhook-checks";
import type { Level, TargetSummary } from "../webhooks";
import type { EventKind } from "./events";
import type { BenchOptions } from "./options";
import type { ExplainEntry } from "./plans";

export type WebhookSection = {
  levels: Level[];
  runs: TargetSummary[];
  mix: Record<EventKind, number>;
  checks: ExactlyOnceCheck[];
  baselineChecks: Record<string, ExactlyOnceCheck[]>;
  rssPeakMb: number;
};

export type PaySection = PayFlowResult & { rssPeakMb: number };

export type ScaleSection = {
  otherUsers: number;
  /** Seconds to seed the other Users and VACUUM ANALYZE. */
  otherSeedSeconds: number;
  points: ScalePoint[];
  /** Database time of each query (EXPLAIN ANALYZE) per size, PostgreSQL only. */
  queryMs: Record<number, Record<string, number>>;
  /** The slowest plans at the largest size. */
  plans: ExplainEntry[];
  rssPeakMb: number;
  /** CSV exports downloaded at each size (PostgreSQL; absent in runs from before they existed). */
  exports?: ExportRun[];
};

export type DatabaseColumn = {
  database: "postgres" | "pglite";
  webhooks?: WebhookSection;
  pay?: PaySection;
  scale?: ScaleSection;
  /** The pay page in Lighthouse (PostgreSQL column only). */
  lighthouse?: LighthouseSection;
  /** Peak RSS of the app server's process tree over the whole column. */
  rssPeakMb: number;
  /** Lines the server logged at warn/error level. */
  serverLogLines: number;
  notes: string[];
};

export type TargetCheck = { target: string; figure: string; limit: string; ok: boolean | null };

export type BenchReport = {
  startedAt: string;
  durationSeconds: number;
  options: Omit<BenchOptions, "only"> & { only: string[] | null };
  environment: {
    node: string;
    cpus: number;
    postgres: string;
    commit: string;
    dirty: boolean;
    build: string;
    /** The 1-minute load average over the run (sampled every 5 s): other work on the machine skews every figure. */
    loadAverage: LoadAverage;
  };
  columns: DatabaseColumn[];
  targets: TargetCheck[];
  /** Headline figures by key, for comparing runs. */
  headline: Record<string, Headline>;
  comparedWith: {
    file: string;
    startedAt: string;
    commit: string;
    /** What the earlier run said about its machine; absent in runs from before it was recorded. */
    loadAverage: LoadAverage | null;
    headline: Record<string, Headline>;
  } | null;
};

export type Headline = { label: string; value: number; unit: string; better: "higher" | "lower" };

/** `mean` and `max` are absent in runs from before they were sampled. */
export type LoadAverage = { start: number; end: number; mean?: number; max?: number };
