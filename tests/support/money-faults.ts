// The model-based money tests with Stripe failing (tests/integration/money-faults.test.ts): commands
// that switch 20% injected faults on the app's Stripe calls on and off, retry what the person would
// retry (refunds), press "Sync with Stripe", and deliver old events a week late; and the convergence
// once faults stop. The app's calls are told apart from the test's own by the SDK's appInfo.
import fc from "fast-check";
import Stripe from "stripe";
import { listRefundsOfInvoice } from "@/db/queries/refunds";
import { AppError } from "@/lib/errors";
import { reconcileUser } from "@/lib/reconcile/run";
import { retryRefund } from "@/lib/refunds/request";
import { drainStripeEvents } from "@/lib/stripe/webhooks/worker";
import type { Model } from "./money-commands";
import { checkInvariants, deliver, undeliveredEvents, type World } from "./money-model";

type Command = fc.AsyncCommand<Model, World>;

/** Only the app's client (lib/stripe/client.ts sets appInfo "SixthDesk"). */
const APP = "SixthDesk/";

/**
 * 20% of the app's calls fail, mixed as Stripe fails: a 500 before the work, a 500 after it, a
 * connection lost after the work, a 429. The first rule that fires wins, so the shares add up.
 */
export function faultRules(seed: number) {
  return [
    { kind: "api_error" as const, when: "before" as const, rate: 0.07, seed },
    { kind: "api_error" as const, when: "after" as const, rate: 0.06, seed: seed + 1 },
    { kind: "connection_reset" as const, when: "after" as const, rate: 0.04, seed: seed + 2 },
    { kind: "rate_limit" as const, rate: 0.04, seed: seed + 3 },
  ].map((rule) => ({ ...rule, path: "/v1/**", user_agent: APP }));
}

/** Expected failures while Stripe fails: a clear AppError for the person, or a Stripe error for a job. */
async function tolerate(world: World, what: string, work: () => Promise<unknown>) {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppError && error.code !== "internal") {
      world.log.push(`  ${what}: ${error.message}`);
      return;
    }
    throw error;
  }
}

abstract class Step implements Command {
  check(_model: Readonly<Model>): boolean {
    return true;
  }
  abstract act(world: World): Promise<void>;
  abstract toString(): string;
  async run(_model: Model, world: World) {
    world.log.push(this.toString());
    await this.act(world);
    await checkInvariants(world, { settled: false });
  }
}

class FaultsOn extends Step {
  constructor(readonly seed: number) {
    super();
  }
  toString() {
    return `stripe fails 20% of the app's calls (seed ${this.seed})`;
  }
  async act(world: World) {
    await world.emulator.control.clearFaults();
    await world.emulator.control.addFaults(faultRules(this.seed));
    world.faultsOn = true;
    world.cancelsMayBePending = true;
  }
}

class FaultsOff extends Step {
  toString() {
    return "stripe answers again";
  }
  async act(world: World) {
    await world.emulator.control.clearFaults();
    world.faultsOn = false;
  }
}

/** The seller presses Retry on every refund whose outcome is unknown. */
class RetryRefunds extends Step {
  toString() {
    return "retry unknown refunds";
  }
  async act(world: World) {
    const refunds = await listRefundsOfInvoice(world.db, {
      userId: world.user.id,
      invoiceId: world.invoiceId,
    });
    for (const r of refunds.filter((x) => x.status === "creating")) {
      await tolerate(world, "retry refund", () =>
        retryRefund(world.db, { user: world.user, refundId: r.id }),
      );
    }
  }
}

/** The seller presses "Sync with Stripe". */
class Sync extends Step {
  toString() {
    return "sync with stripe";
  }
  async act(world: World) {
    const faulty = world.faultsOn === true;
    await tolerate(world, "sync", () => reconcileUser(world.db, world.user));
    if (!faulty) world.cancelsMayBePending = false;
  }
}

/** Old events arrive again a week later (Stripe retries for up to three days, and replays happen). */
class WeekLate extends Step {
  constructor(readonly count: number) {
    super();
  }
  toString() {
    return `${this.count} old events again, a week late`;
  }
  async act(world: World) {
    const old = world.delivered.slice(0, this.count);
    await world.emulator.control.advance(0);
    await deliver(world, old);
    await drainStripeEvents(world.db, { clock: weekLater });
  }
}

const weekLater = () => new Date(Date.now() + 7 * 24 * 3600 * 1000);

export function faultArbitraries(): fc.Arbitrary<Command>[] {
  return [
    fc.nat(1_000_000).map((seed) => new FaultsOn(seed)),
    fc.nat(1_000_000).map((seed) => new FaultsOn(seed)),
    fc.constant(new FaultsOff()),
    fc.constant(new RetryRefunds()),
    fc.constant(new Sync()),
    fc.nat(6).map((n) => new WeekLate(n + 1)),
  ];
}

/**
 * Once Stripe answers again, everything converges: every event delivered and applied (failed ones are
 * retried as the worker would, days later), every unknown refund retried, a sync run; then the settled
 * invariants must hold.
 */
export async function converge(world: World) {
  await world.emulator.control.clearFaults();
  world.faultsOn = false;
  await deliver(world, await undeliveredEvents(world));
  await drainStripeEvents(world.db, { clock: weekLater });
  await new RetryRefunds().act(world);
  await reconcileUser(world.db, world.user);
  world.cancelsMayBePending = false;
  await deliver(world, await undeliveredEvents(world));
  await drainStripeEvents(world.db, { clock: weekLater });
  const refunds = await listRefundsOfInvoice(world.db, { userId: world.user.id, invoiceId: world.invoiceId });
  const stuck = refunds.filter((r) => r.status === "creating" || r.status === "unknown");
  if (stuck.length > 0) throw new Error(`refunds still unsettled: ${stuck.map((r) => r.id).join(",")}`);
  await checkInvariants(world, { settled: true });
}

export function isStripeFailure(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError;
}
