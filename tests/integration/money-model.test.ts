// Model-based tests of the money invariants (docs/decisions/0005-money-invariants.md): random sequences
// of seller and customer actions — edits of amount, currency and lines, void, pay tabs opened and paid
// from (stale ones too), part payments, refunds, the overpayment refund, webhooks duplicated and out of
// order, return pages before and after them — and after every step the invariants hold in the database
// and agree with the emulator's objects. Seeded: MONEY_MODEL_SEED=<n> replays a failing run.
import fc from "fast-check";
import { describe, it } from "vitest";
import { preparePaymentIntent } from "@/lib/payments/intent";
import { integrationHarness } from "../support/harness";
import { commandArbitraries, type Model } from "../support/money-commands";
import {
  checkInvariants,
  deliver,
  intentIdOf,
  newMoneyWorld,
  undeliveredEvents,
  type World,
} from "../support/money-model";

const CURRENCIES = ["gbp", "jpy", "kwd", "isk"] as const;
// Small enough that the file takes well under a minute per database on these machines.
const NUM_RUNS = Number(process.env.MONEY_MODEL_RUNS ?? 6);
const MAX_COMMANDS = 12;

const h = integrationHarness();

const newWorld = (currency: string) => newMoneyWorld(h, currency);

describe("money invariants under random sequences of actions", () => {
  it("hold after every step, in the database and on Stripe", async () => {
    const seed = Number(process.env.MONEY_MODEL_SEED ?? Date.now() % 2_147_483_647);
    let world: World | null = null;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...CURRENCIES),
          fc.commands(commandArbitraries(CURRENCIES), { maxCommands: MAX_COMMANDS, size: "max" }),
          async (currency, commands) => {
            world = await newWorld(currency);
            const current = world;
            // The customer has the pay page open from the start.
            const first = await preparePaymentIntent(h.db, { token: current.token });
            current.tabs.push({
              clientSecret: first.clientSecret,
              intentId: intentIdOf(first.clientSecret),
              amountMinor: first.amountMinor,
              currency: first.currency,
            });
            await fc.asyncModelRun(() => ({ model: { tabs: 1 } satisfies Model, real: current }), commands);
            // Every event delivered at last (return pages may never come): the database knows all of it.
            await deliver(current, await undeliveredEvents(current));
            await checkInvariants(current, { settled: true });
            if (process.env.MONEY_MODEL_LOG) console.info(`run (${currency}):\n${current.log.join("\n")}`);
          },
        ),
        { seed, numRuns: NUM_RUNS, endOnFailure: true },
      );
    } catch (error) {
      const steps = (world as World | null)?.log.join("\n") ?? "";
      console.error(`money model failed: replay with MONEY_MODEL_SEED=${seed}\nlast run:\n${steps}`);
      throw error;
    }
  }, 240_000);
});
