import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STRIPE_DISPUTE_STATUSES, STRIPE_PAYMENT_INTENT_STATUSES } from "./known-values";

// Proves the compile-time check of lib/stripe/known-values.ts: the same checks, instantiated with the
// SDK's union plus one new value (what an SDK upgrade that adds a status looks like), fail `tsc`, while
// the SDK's union as it is passes. One tsc run over three files, each file's errors told apart.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
let dir = "";
let output = "";

const header = `import type Stripe from "stripe";
import type {
  DisabledReasonsKnown,
  DisputeStatusesMatch,
  PaymentIntentStatusesKnown,
} from "@/lib/stripe/known-values";
`;

beforeAll(async () => {
  // Inside the project, so "@/" and node_modules resolve; .data does not exist in a fresh clone.
  await mkdir(path.join(root, ".data"), { recursive: true });
  dir = await mkdtemp(path.join(root, ".data", "tsc-exhaustiveness-"));
  await writeFile(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: path.join(root, "tsconfig.json"),
      compilerOptions: { incremental: false, noEmit: true, plugins: [] },
      files: ["as-is.ts", "dispute-added.ts", "intent-added.ts", "reason-added.ts"],
      include: [],
      exclude: [],
    }),
  );
  await writeFile(
    path.join(dir, "as-is.ts"),
    `${header}export const a: DisputeStatusesMatch<Stripe.Dispute.Status> = true;
export const b: PaymentIntentStatusesKnown<Stripe.PaymentIntent.Status> = true;
export const c: DisabledReasonsKnown<Stripe.Account.Requirements.DisabledReason> = true;\n`,
  );
  await writeFile(
    path.join(dir, "reason-added.ts"),
    `${header}export const c: DisabledReasonsKnown<Stripe.Account.Requirements.DisabledReason | "rejected.sanctions"> = true;\n`,
  );
  await writeFile(
    path.join(dir, "dispute-added.ts"),
    `${header}export const a: DisputeStatusesMatch<Stripe.Dispute.Status | "appeal_reopened"> = true;\n`,
  );
  await writeFile(
    path.join(dir, "intent-added.ts"),
    `${header}export const b: PaymentIntentStatusesKnown<Stripe.PaymentIntent.Status | "requires_reauthorization"> = true;\n`,
  );
  const tsc = path.join(root, "node_modules", ".bin", "tsc");
  try {
    const result = await run(tsc, ["-p", dir], { cwd: root });
    output = result.stdout;
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("exhaustiveness of the Stripe values the app reads", () => {
  it("passes for the pinned SDK's unions as they are (and every error is one of the added values')", () => {
    const errorLines = output.split("\n").filter((line) => line.includes("error TS"));
    expect(errorLines.length).toBeGreaterThanOrEqual(3);
    for (const line of errorLines) expect(line).toMatch(/(dispute|intent|reason)-added\.ts/);
  });

  it("fails the typecheck when the SDK adds a dispute status", () => {
    expect(output).toMatch(/dispute-added\.ts\(\d+,\d+\): error/);
    expect(output).toContain("appeal_reopened");
  });

  it("fails the typecheck when the SDK adds a PaymentIntent status", () => {
    expect(output).toMatch(/intent-added\.ts\(\d+,\d+\): error/);
    expect(output).toContain("requires_reauthorization");
  });

  it("fails the typecheck when the SDK adds an account disabled reason", () => {
    expect(output).toMatch(/reason-added\.ts\(\d+,\d+\): error/);
    expect(output).toContain("rejected.sanctions");
  });

  it("lists every status of the pinned API version", () => {
    expect([...STRIPE_DISPUTE_STATUSES].sort()).toEqual(
      [
        "appeal_needs_response",
        "appeal_under_review",
        "lost",
        "needs_response",
        "prevented",
        "under_review",
        "warning_closed",
        "warning_needs_response",
        "warning_under_review",
        "won",
      ].sort(),
    );
    expect(STRIPE_PAYMENT_INTENT_STATUSES).toContain("requires_capture");
  });
});
