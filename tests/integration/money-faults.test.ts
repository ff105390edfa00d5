// The money invariants with Stripe failing 20% of the app's calls (500s before and after the work,
// lost connections, 429s) while the same random sequences run as in money-model.test.ts: intent
// creation and updates, refunds and their retries, webhook processing, "Sync with Stripe", events
// shuffled, duplicated and a week late. After every step nothing is charged or refunded twice and the
// person gets a clear message; once the faults stop, everything converges. MONEY_FAULTS_SEED replays.
import fc from "fast-check";
import { describe, it } from "vitest";
import { preparePaymentIntent } from "@/lib/payments/intent";
import { integrationHarness } from "../support/harness";
import { commandArbitraries, type Model } from "../support/money-commands";
import { converge, faultArbitraries, faultRules } from "../support/money-faults";
import { intentIdOf, newMoneyWorld, type World } from "../support/money-model";

const CURRENCIES = ["gbp", "jpy"] as const;
const NUM_RUNS = Number(process.env.MONEY_FAULTS_RUNS ?? 5);
const MAX_COMMANDS = 14;

const h = integrationHarness();

describe("money invariants while Stripe fails", () => {
  it("hold after every step, and everything converges once Stripe answers again", async () => {
    const seed = Number(process.env.MONEY_FAULTS_SEED ?? Date.now() % 2_147_483_647);
    let world: World | null = null;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CURRENCIES),
          fc.commands([...commandArbitraries(CURRENCIES), ...faultArbitraries()], {
            maxCommands: MAX_COMMANDS,
            size: "max",
          }),
          async (currency, commands) => {
            world = await newMoneyWorld(h, currency);
            const current = world;
            const first = await preparePaymentIntent(h.db, { token: current.token });
            current.tabs.push({
              clientSecret: first.clientSecret,
              intentId: intentIdOf(first.clientSecret),
              amountMinor: first.amountMinor,
              currency: first.currency,
            });
            // Faults from the first step: the random commands switch them off and on again.
            await h.emulator.control.addFaults(faultRules(seed));
            current.faultsOn = true;
            current.cancelsMayBePending = true;
            try {
              await fc.asyncModelRun(() => ({ model: { tabs: 1 } satisfies Model, real: current }), commands);
              await converge(current);
            } finally {
              await h.emulator.control.clearFaults();
            }
            if (process.env.MONEY_MODEL_LOG) console.info(`run (${currency}):\n${current.log.join("\n")}`);
          },
        ),
        { seed, numRuns: NUM_RUNS, endOnFailure: true },
      );
    } catch (error) {
      const steps = (world as World | null)?.log.join("\n") ?? "";
      console.error(`money under faults failed: replay with MONEY_FAULTS_SEED=${seed}\nlast run:\n${steps}`);
      throw error;
    }
  }, 300_000);
});
