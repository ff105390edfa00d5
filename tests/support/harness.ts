import type Stripe from "stripe";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { Database, DatabaseHandle } from "@/db";
import type { InvoiceValues } from "@/lib/invoices/schema";
import { emulatorSetup, setStripeSetup } from "@/lib/stripe/config";
import { openTestDatabase } from "./db";
import { startTestEmulator, type TestEmulator } from "./emulator";
import { createSellerWithAccount, createTestUser, paidInvoice, type Seller, sentInvoice } from "./fixtures";
import { signInAs } from "./session";
import { startWebhookServer } from "./webhook-server";

export type HarnessOptions = {
  /** Start an in-memory emulator and point the app's Stripe client at it (default true). */
  emulator?: boolean;
  /**
   * Serve the real webhook route so the emulator can deliver to it, as `stripe listen` would:
   * - "file": registered with the emulator for the whole file; after each test the harness waits until
   *   nothing is left to deliver, so no test sees the previous one's events arrive.
   * - "on-demand": a test starts deliveries with `listen()`; the endpoint is removed after that test.
   */
  webhooks?: "file" | "on-demand";
};

type Started = {
  handle: DatabaseHandle;
  emulator: TestEmulator | null;
  webhooks: Awaited<ReturnType<typeof startWebhookServer>> | null;
};

// An address nothing listens on: the app's Stripe calls fail as they do when Stripe cannot be reached.
const UNREACHABLE_STRIPE = "http://127.0.0.1:9";

/**
 * The setup every integration file shares, registered as vitest hooks: a database of the file's own
 * (see db.ts), the emulator, optionally the webhook route served over HTTP, and no one signed in at the
 * start of each test. Call it once at the top of a file; read what it returns inside hooks and tests
 * (the getters throw before the file's beforeAll has run):
 *
 *   const h = integrationHarness({ webhooks: "file" });
 *   it("…", async () => {
 *     const paid = await h.paidInvoice();            // fixtures.ts, bound to h.db and h.emulator
 *     await h.stripe.refunds.create({ payment_intent: paid.paymentIntentId }, { stripeAccount: paid.accountId });
 *   });
 */
export function integrationHarness(options: HarnessOptions = {}) {
  const wantsEmulator = options.emulator ?? true;
  let started: Started | null = null;
  let endpointId: string | null = null;

  const get = (): Started => {
    if (!started) throw new Error("the integration harness is read before its beforeAll ran");
    return started;
  };
  const emulatorOf = (): TestEmulator => {
    const { emulator } = get();
    if (!emulator) throw new Error("this file's harness runs without the emulator");
    return emulator;
  };
  const register = async () => {
    const { webhooks } = get();
    if (!webhooks) throw new Error("this file's harness does not serve the webhook route");
    endpointId ??= (await emulatorOf().control.registerWebhookEndpoint({ url: webhooks.url })).id;
    return endpointId;
  };

  beforeAll(async () => {
    const [handle, emulator, webhooks] = await Promise.all([
      openTestDatabase(),
      wantsEmulator ? startTestEmulator() : null,
      options.webhooks ? startWebhookServer() : null,
    ]);
    started = { handle, emulator, webhooks };
    if (options.webhooks === "file") await register();
  });
  beforeEach(() => signInAs(null));
  afterEach(async () => {
    if (!started?.emulator || !endpointId) return;
    if (options.webhooks === "file") {
      await started.emulator.control.waitForDeliveries(10_000);
    } else {
      await started.emulator.control.deleteWebhookEndpoint(endpointId);
      endpointId = null;
    }
  });
  afterAll(async () => {
    if (!started) return;
    const { handle, emulator, webhooks } = started;
    if (emulator && endpointId) await emulator.control.deleteWebhookEndpoint(endpointId);
    await webhooks?.close();
    // The app's Stripe client must not outlive the emulator it points at.
    setStripeSetup(undefined);
    await emulator?.close();
    await handle.close();
    started = null;
  });

  return {
    get handle(): DatabaseHandle {
      return get().handle;
    },
    get db(): Database {
      return get().handle.db;
    },
    get emulator(): TestEmulator {
      return emulatorOf();
    },
    /** A platform client for the test itself (the app has its own, from lib/stripe/client). */
    get stripe(): Stripe {
      return emulatorOf().stripe;
    },
    /** Starts Stripe's deliveries to the webhook route ("on-demand"); returns the endpoint's id. */
    listen: register,
    /** The emulator endpoint that delivers to the webhook route, once listening. */
    get webhookEndpointId(): string {
      if (!endpointId) throw new Error("not listening: call listen() or use webhooks: 'file'");
      return endpointId;
    },
    /** Runs `body` while every Stripe call the app makes fails to connect, then points it back. */
    async whileStripeUnreachable<T>(body: () => Promise<T>): Promise<T> {
      const { url } = emulatorOf();
      setStripeSetup(emulatorSetup(UNREACHABLE_STRIPE));
      try {
        return await body();
      } finally {
        setStripeSetup(emulatorSetup(url));
      }
    },

    user: (overrides?: Parameters<typeof createTestUser>[1]) => createTestUser(get().handle.db, overrides),
    seller: (opts?: { chargesEnabled?: boolean }) =>
      createSellerWithAccount(get().handle.db, emulatorOf(), opts),
    sentInvoice: (user: Seller["user"], overrides?: Partial<InvoiceValues>) =>
      sentInvoice(get().handle.db, user, overrides),
    paidInvoice: (opts?: { paymentMethod?: string; seller?: Seller }) =>
      paidInvoice(get().handle.db, emulatorOf(), opts),
  };
}

export type IntegrationHarness = ReturnType<typeof integrationHarness>;
