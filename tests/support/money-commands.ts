// The seller's and customer's actions of the model-based money tests, as fast-check commands. Each
// acts on the real app (services, routes, the emulator through the stripe SDK) and then checks the
// invariants (./money-model.ts). The model is only what the commands need to pick their arguments.
import fc from "fast-check";
import { expect } from "vitest";
import { getInvoice } from "@/db/queries/invoices";
import { listPaymentsOfInvoice } from "@/db/queries/payments";
import { AppError } from "@/lib/errors";
import { invoiceLedger, overpayments } from "@/lib/invoices/ledger";
import { updateInvoice, voidInvoice } from "@/lib/invoices/service";
import { chargeIncrementMinor, minorToDecimalString } from "@/lib/money";
import { preparePaymentIntent } from "@/lib/payments/intent";
import { completeReturn } from "@/lib/payments/return-page";
import { refundOverpayment } from "@/lib/refunds/overpayment";
import { requestRefund } from "@/lib/refunds/request";
import {
  checkInvariants,
  deliver,
  intentIdOf,
  isStripeRefusal,
  line,
  PART_MINIMUMS,
  UNIT_AMOUNTS,
  undeliveredEvents,
  type World,
} from "./money-model";

export type Model = { tabs: number };
type Command = fc.AsyncCommand<Model, World>;

/** Expected refusals are part of the game (an edit of a paid invoice, a tab on a void one). */
async function allowRefusal(world: World, what: string, work: () => Promise<unknown>) {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppError && error.code !== "internal") {
      world.log.push(`  ${what} refused: ${error.message}`);
      return;
    }
    if (isStripeRefusal(error)) {
      world.log.push(`  ${what} refused by Stripe`);
      return;
    }
    throw error;
  }
}

async function currentInvoice(world: World) {
  const invoice = await getInvoice(world.db, { userId: world.user.id, invoiceId: world.invoiceId });
  if (!invoice) throw new Error("invoice vanished");
  return invoice;
}

abstract class Step implements Command {
  check(_model: Readonly<Model>): boolean {
    return true;
  }
  abstract act(model: Model, world: World): Promise<void>;
  abstract toString(): string;
  async run(model: Model, world: World) {
    world.log.push(this.toString());
    await this.act(model, world);
    await checkInvariants(world, { settled: false });
  }
}

class Edit extends Step {
  constructor(readonly change: { unitMinor?: number; currency?: string; lines?: "add" | "remove" }) {
    super();
  }
  toString() {
    return `edit ${JSON.stringify(this.change)}`;
  }
  async act(_model: Model, world: World) {
    const { unitMinor, currency, lines } = this.change;
    const values = structuredClone(world.values);
    if (currency && currency !== values.currency) {
      values.currency = currency;
      values.partialMinimumMinor = PART_MINIMUMS[currency] ?? null;
      const amounts = UNIT_AMOUNTS[currency] ?? [];
      values.items = values.items.map((item, i) => line(amounts[i % amounts.length] ?? item.unitAmountMinor));
    }
    if (unitMinor !== undefined && values.items[0]) values.items[0] = line(unitMinor);
    if (lines === "add") values.items.push(line(values.items[0]?.unitAmountMinor ?? 5_000));
    if (lines === "remove" && values.items.length > 1) values.items.pop();
    const before = await currentInvoice(world);
    const hadMoney = (
      await listPaymentsOfInvoice(world.db, { userId: world.user.id, invoiceId: world.invoiceId })
    ).some((p) => p.status === "succeeded" || p.status === "processing");
    let saved = false;
    await allowRefusal(world, "edit", async () => {
      await updateInvoice(world.db, { userId: world.user.id, invoiceId: world.invoiceId }, values);
      saved = true;
    });
    // The currency policy: a change is refused exactly when money arrived (or the invoice is settled).
    if (saved) {
      world.values = values;
      if (values.currency !== before.currency) expect(hadMoney, "currency changed under money").toBe(false);
    } else if (before.status === "open" && before.paidMinor === 0 && !hadMoney) {
      throw new Error("an edit of an open, unpaid invoice was refused");
    }
  }
}

class Void extends Step {
  // Only once a customer has the pay page open: a void before that makes a run about nothing.
  check(model: Readonly<Model>) {
    return model.tabs > 0;
  }
  toString() {
    return "void";
  }
  async act(_model: Model, world: World) {
    await allowRefusal(world, "void", () =>
      voidInvoice(world.db, { userId: world.user.id, invoiceId: world.invoiceId }),
    );
  }
}

/** The customer opens the pay page (whole amount, or half of it as a part payment): a new tab. */
class OpenTab extends Step {
  constructor(readonly part: boolean) {
    super();
  }
  toString() {
    return `open tab${this.part ? " (part payment)" : ""}`;
  }
  async act(model: Model, world: World) {
    const invoice = await currentInvoice(world);
    const step = chargeIncrementMinor(invoice.currency);
    const due = invoice.totalMinor - invoice.paidMinor;
    const half = Math.floor(due / 2 / step) * step;
    const amount = this.part && half > 0 ? minorToDecimalString(half, invoice.currency) : undefined;
    await allowRefusal(world, "open tab", async () => {
      const prepared = await preparePaymentIntent(world.db, { token: world.token, amount });
      expect(prepared.amountMinor, "a tab asks for more than is due").toBeLessThanOrEqual(prepared.dueMinor);
      world.tabs.push({
        clientSecret: prepared.clientSecret,
        intentId: intentIdOf(prepared.clientSecret),
        amountMinor: prepared.amountMinor,
        currency: prepared.currency,
      });
      model.tabs = world.tabs.length;
    });
  }
}

const CARDS = ["pm_card_visa", "pm_card_visa", "pm_card_visa_chargeDeclined"] as const;

/** A tab confirms the intent it holds straight away, as a stale tab racing an edit would. */
class PayStale extends Step {
  constructor(
    readonly tab: number,
    readonly card: number,
  ) {
    super();
  }
  check(model: Readonly<Model>) {
    return model.tabs > 0;
  }
  toString() {
    return `pay from tab ${this.tab} without asking (${CARDS[this.card % CARDS.length]})`;
  }
  async act(_model: Model, world: World) {
    const tab = world.tabs[this.tab % world.tabs.length];
    if (!tab) return;
    await allowRefusal(world, "stale pay", () =>
      world.emulator.stripe.paymentIntents.confirm(
        tab.intentId,
        { payment_method: CARDS[this.card % CARDS.length], return_url: "http://127.0.0.1/return" },
        { stripeAccount: world.accountId },
      ),
    );
  }
}

/** The pay page's own flow: prepare again with the figures shown, confirm only if they still hold. */
class PayChecked extends Step {
  constructor(readonly tab: number) {
    super();
  }
  check(model: Readonly<Model>) {
    return model.tabs > 0;
  }
  toString() {
    return `pay from tab ${this.tab} as the page does`;
  }
  async act(_model: Model, world: World) {
    const index = this.tab % world.tabs.length;
    const tab = world.tabs[index];
    if (!tab) return;
    await allowRefusal(world, "checked pay", async () => {
      const invoice = await currentInvoice(world);
      const due = invoice.totalMinor - invoice.paidMinor;
      const answer = await preparePaymentIntent(world.db, {
        token: world.token,
        amount: tab.amountMinor < due ? minorToDecimalString(tab.amountMinor, tab.currency) : undefined,
        expected: { amountMinor: tab.amountMinor, currency: tab.currency, dueMinor: due },
      });
      const fresh = {
        clientSecret: answer.clientSecret,
        intentId: intentIdOf(answer.clientSecret),
        amountMinor: answer.amountMinor,
        currency: answer.currency,
      };
      world.tabs[index] = fresh;
      if (!answer.upToDate || answer.clientSecret !== tab.clientSecret) {
        world.log.push("  the page shows the new figures and stops");
        return;
      }
      expect(answer.amountMinor).toBeLessThanOrEqual(answer.dueMinor);
      await world.emulator.stripe.paymentIntents.confirm(
        fresh.intentId,
        { payment_method: "pm_card_visa", return_url: "http://127.0.0.1/return" },
        { stripeAccount: world.accountId },
      );
    });
  }
}

class ReturnPage extends Step {
  constructor(readonly tab: number) {
    super();
  }
  check(model: Readonly<Model>) {
    return model.tabs > 0;
  }
  toString() {
    return `return page of tab ${this.tab}`;
  }
  async act(_model: Model, world: World) {
    const tab = world.tabs[this.tab % world.tabs.length];
    if (!tab) return;
    await completeReturn(world.db, { token: world.token, paymentIntentId: tab.intentId });
  }
}

/** Webhook deliveries: the new ones shuffled, some delivered twice, some old ones again. */
class Webhooks extends Step {
  constructor(
    readonly order: number[],
    readonly replays: number,
  ) {
    super();
  }
  toString() {
    return `webhooks (order ${this.order.join(",")}, ${this.replays} replayed)`;
  }
  async act(_model: Model, world: World) {
    const fresh = await undeliveredEvents(world);
    const shuffled = fresh
      .map((event, i) => ({ event, key: this.order[i % Math.max(1, this.order.length)] ?? i }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.event);
    const replay = world.delivered.slice(-this.replays);
    await deliver(world, [...shuffled, ...replay, ...shuffled.slice(0, this.replays)]);
  }
}

class Refund extends Step {
  constructor(readonly halves: boolean) {
    super();
  }
  toString() {
    return `refund ${this.halves ? "half" : "all"} of the newest payment`;
  }
  async act(_model: Model, world: World) {
    const payments = await listPaymentsOfInvoice(world.db, {
      userId: world.user.id,
      invoiceId: world.invoiceId,
    });
    const paid = payments.find((p) => p.status === "succeeded");
    if (!paid) return;
    const step = chargeIncrementMinor(paid.currency);
    const amount = this.halves
      ? Math.max(step, Math.floor(paid.amountMinor / 2 / step) * step)
      : paid.amountMinor;
    await allowRefusal(world, "refund", () =>
      requestRefund(world.db, {
        user: world.user,
        input: {
          paymentId: paid.id,
          amount: minorToDecimalString(amount, paid.currency),
          reason: "requested_by_customer",
          note: null,
        },
      }),
    );
  }
}

/** The seller double-clicks "Refund the overpayment": exactly the excess is refunded, once. */
class RefundExcess extends Step {
  toString() {
    return "refund the overpayment (double click)";
  }
  async act(_model: Model, world: World) {
    const invoice = await currentInvoice(world);
    const payments = await listPaymentsOfInvoice(world.db, {
      userId: world.user.id,
      invoiceId: world.invoiceId,
    });
    const { listRefundsOfInvoice } = await import("@/db/queries/refunds");
    const refunds = await listRefundsOfInvoice(world.db, {
      userId: world.user.id,
      invoiceId: world.invoiceId,
    });
    for (const over of overpayments(invoiceLedger(invoice, payments, refunds))) {
      const clicks = await Promise.allSettled(
        [0, 1].map(() =>
          refundOverpayment(world.db, {
            user: world.user,
            invoiceId: world.invoiceId,
            currency: over.currency,
          }),
        ),
      );
      const reserved = clicks.reduce((sum, c) => {
        if (c.status === "fulfilled")
          return sum + c.value.outcomes.reduce((s, o) => s + o.refund.amountMinor, 0);
        if (!(c.reason instanceof AppError)) throw c.reason;
        return sum;
      }, 0);
      expect(reserved, `overpayment refund in ${over.currency}`).toBeLessThanOrEqual(over.excessMinor);
    }
  }
}

export function commandArbitraries(currencies: readonly string[]) {
  const unit = fc.constantFrom(...currencies.flatMap((c) => UNIT_AMOUNTS[c] ?? []));
  const tab = fc.nat(7);
  const pay = fc.tuple(tab, fc.nat(5)).map(([t, card]) => new PayStale(t, card));
  const checked = tab.map((t) => new PayChecked(t));
  const webhooks = fc
    .tuple(fc.array(fc.nat(20), { maxLength: 8 }), fc.nat(2))
    .map(([o, r]) => new Webhooks(o, r));
  // Customer actions and deliveries weigh more than the seller's: a run should mostly be about money.
  return [
    unit.map((unitMinor) => new Edit({ unitMinor })),
    fc.constantFrom(...currencies).map((currency) => new Edit({ currency })),
    fc.constantFrom("add" as const, "remove" as const).map((lines) => new Edit({ lines })),
    fc.constant(new Void()),
    fc.boolean().map((part) => new OpenTab(part)),
    fc.boolean().map((part) => new OpenTab(part)),
    pay,
    pay,
    checked,
    checked,
    checked,
    tab.map((t) => new ReturnPage(t)),
    webhooks,
    webhooks,
    fc.boolean().map((h) => new Refund(h)),
    fc.constant(new RefundExcess()),
  ];
}
