import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, freshAccount, startTestEmulator, type TestEmulator } from "./helpers";

let t: TestEmulator;
let gbAccount: string;
let usAccount: string;
let jpAccount: string;

beforeAll(async () => {
  t = await startTestEmulator();
  gbAccount = await freshAccount(t, "GB");
  usAccount = await freshAccount(t, "US");
  jpAccount = await freshAccount(t, "JP");
});
afterAll(() => t.running.close());

function create(account: string, amount: number, currency: string) {
  return t.stripe.paymentIntents.create(
    { amount, currency, automatic_payment_methods: { enabled: true } },
    { stripeAccount: account },
  );
}

function payNow(account: string, amount: number, currency: string) {
  return t.stripe.paymentIntents.create(
    { amount, currency, confirm: true, payment_method: "pm_card_visa", return_url: "http://localhost/r" },
    { stripeAccount: account },
  );
}

describe("amount steps", () => {
  it("refuses three-decimal amounts that do not end in 0, on create and on update", async () => {
    for (const currency of ["kwd", "bhd", "jod", "omr", "tnd"]) {
      const error = await failure(create(gbAccount, 5124, currency));
      expect(error).toMatchObject({
        type: "StripeInvalidRequestError",
        statusCode: 400,
        param: "amount",
      });
      expect(error.message).toContain("must end in 0");
    }
    const pi = await create(gbAccount, 5120, "kwd");
    expect(pi.amount).toBe(5120);
    const update = await failure(
      t.stripe.paymentIntents.update(pi.id, { amount: 5125 }, { stripeAccount: gbAccount }),
    );
    expect(update).toMatchObject({ statusCode: 400, param: "amount" });
    const after = await t.stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: gbAccount });
    expect(after.amount).toBe(5120);
  });

  it("refuses ISK amounts that are not whole krónur with Stripe's documented code and message", async () => {
    const error = await failure(create(gbAccount, 10050, "isk"));
    expect(error).toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      code: "invalid_charge_amount_no_decimal_compatible",
      param: "amount",
    });
    expect(error.message).toContain("must be evenly divisible by 100");
    expect((await create(gbAccount, 10000, "isk")).amount).toBe(10000);
  });

  it("leaves HUF, TWD and UGX charges alone (their special cases are about payouts)", async () => {
    expect((await create(usAccount, 1_000_001, "huf")).amount).toBe(1_000_001);
    expect((await create(usAccount, 100_001, "twd")).amount).toBe(100_001);
    expect((await create(usAccount, 10_001, "ugx")).amount).toBe(10_001);
  });

  it("refuses refunds off the step and takes those on it", async () => {
    const kwd = await payNow(gbAccount, 5000, "kwd");
    const odd = await failure(
      t.stripe.refunds.create({ payment_intent: kwd.id, amount: 1005 }, { stripeAccount: gbAccount }),
    );
    expect(odd).toMatchObject({ statusCode: 400, param: "amount" });
    const ok = await t.stripe.refunds.create(
      { payment_intent: kwd.id, amount: 1010 },
      { stripeAccount: gbAccount },
    );
    expect(ok.amount).toBe(1010);
    const isk = await payNow(gbAccount, 100_000, "isk");
    const fraction = await failure(
      t.stripe.refunds.create({ payment_intent: isk.id, amount: 150 }, { stripeAccount: gbAccount }),
    );
    expect(fraction).toMatchObject({ statusCode: 400, code: "invalid_charge_amount_no_decimal_compatible" });
    const charge = await t.stripe.charges.retrieve(
      String(isk.latest_charge),
      {},
      { stripeAccount: gbAccount },
    );
    expect(charge.amount_refunded).toBe(0);
  });
});

describe("minimum charge in the account's settlement currency", () => {
  it("refuses below the minimum of the settlement currency with amount_too_small", async () => {
    const error = await failure(create(gbAccount, 29, "gbp"));
    expect(error).toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      code: "amount_too_small",
      param: "amount",
      message: "Amount must be at least £0.30 gbp",
    });
    expect((await create(gbAccount, 30, "gbp")).amount).toBe(30);
  });

  it("converts a charge in another currency: ¥50 is JPY's own minimum but not 30 pence", async () => {
    const error = await failure(create(gbAccount, 50, "jpy"));
    expect(error).toMatchObject({ statusCode: 400, code: "amount_too_small", param: "amount" });
    // ¥50 × 80/150 = 26.66p at the emulator's fixed rates.
    expect(error.message).toBe(
      "Amount must convert to at least £0.30. JP¥50 converts to approximately £0.26.",
    );
    expect((await create(gbAccount, 57, "jpy")).amount).toBe(57);
    expect((await create(jpAccount, 50, "jpy")).amount).toBe(50);
  });

  it("sets the minimum by the settlement currency, not the charged one", async () => {
    // £0.30 is GBP's own minimum, yet it is 37.5 US cents: too small for a USD-settling account.
    expect(await failure(create(usAccount, 30, "gbp"))).toMatchObject({ code: "amount_too_small" });
    expect((await create(usAccount, 40, "gbp")).amount).toBe(40);
    // 0.150 KWD is about 48.9 US cents; 0.160 KWD about 52.1.
    expect(await failure(create(usAccount, 150, "kwd"))).toMatchObject({ code: "amount_too_small" });
    expect((await create(usAccount, 160, "kwd")).amount).toBe(160);
  });

  it("checks the minimum on update too", async () => {
    const pi = await create(gbAccount, 1000, "gbp");
    const error = await failure(
      t.stripe.paymentIntents.update(pi.id, { amount: 10 }, { stripeAccount: gbAccount }),
    );
    expect(error).toMatchObject({ statusCode: 400, code: "amount_too_small" });
  });
});
