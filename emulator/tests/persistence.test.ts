import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../index";
import { freshAccount, pay, sdkFor } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "stripe-emulator-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("persistence", () => {
  it("keeps accounts, payments and connections across a restart", async () => {
    const statePath = join(dir, "nested", "state.json");
    const first = await startEmulator({ statePath, log: () => {} });
    const t = { running: first, stripe: sdkFor(first) };
    const account = await freshAccount(t);
    const pi = await pay(t.stripe, account, "pm_card_visa");
    await first.close();
    expect(JSON.parse(readFileSync(statePath, "utf8")).version).toBe(1);

    const second = await startEmulator({ statePath, log: () => {} });
    const stripe = sdkFor(second);
    const again = await stripe.paymentIntents.retrieve(pi.id, {}, { stripeAccount: account });
    expect(again.status).toBe("succeeded");
    await second.close();
  });

  it("sets an unreadable state file aside and starts fresh", async () => {
    const statePath = join(dir, "broken.json");
    writeFileSync(statePath, "{not json");
    const messages: string[] = [];
    const running = await startEmulator({ statePath, log: (m) => messages.push(m) });
    expect(messages[0]).toContain("unreadable");
    const accounts = await running.control.listAccounts();
    expect(accounts.map((a) => a.id)).toContain("acct_demo_gb");
    await running.close();
  });

  it("without a state path nothing is written and a reset empties everything", async () => {
    const running = await startEmulator({ log: () => {} });
    const stripe = sdkFor(running);
    await stripe.paymentIntents.create({ amount: 1000, currency: "gbp" });
    await running.control.reset();
    expect((await stripe.paymentIntents.list()).data).toHaveLength(0);
    await running.close();
  });
});
