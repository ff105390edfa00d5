import { PaymentElement, type PaymentElementOptions } from "./payment-element";
import type { ClientPaymentIntent, Handler, StripeError } from "./types";

/** Reads the group's PaymentIntent by its client secret, as Stripe.js does with the publishable key. */
export type RetrieveIntent = (
  clientSecret: string,
) => Promise<{ paymentIntent: ClientPaymentIntent } | { error: StripeError }>;

export type ElementsOptions = { clientSecret?: string; mode?: string; [key: string]: unknown };

/** `stripe.elements(…)`: a group holding (at most) one Payment Element, like Stripe.js's. */
export class ElementsGroup {
  private element: PaymentElement | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();

  private intent: { amount: number; currency: string } | null = null;

  constructor(
    private options: ElementsOptions,
    private readonly retrieve?: RetrieveIntent,
  ) {}

  /** The amount and currency last read from the PaymentIntent (by `fetchUpdates`), if any. */
  get intentAmount(): { amount: number; currency: string } | null {
    return this.intent;
  }

  get clientSecret(): string | undefined {
    return this.options.clientSecret;
  }

  create(type: string, options: PaymentElementOptions = {}): PaymentElement {
    if (type !== "payment") {
      throw new Error(`The Stripe emulator's Stripe.js supports only the Payment Element, not "${type}".`);
    }
    if (this.element) throw new Error("Can only create one Element of type payment.");
    // Destroying frees the slot, as in Stripe.js (React's StrictMode mounts, destroys and mounts again).
    const element = new PaymentElement(options, () => {
      if (this.element === element) this.element = null;
    });
    this.element = element;
    return element;
  }

  getElement(type: string): PaymentElement | null {
    return type === "payment" ? this.element : null;
  }

  update(options: ElementsOptions): Promise<void> {
    this.options = { ...this.options, ...options };
    for (const handler of this.handlers.get("update-end") ?? []) handler({});
    return Promise.resolve();
  }

  /**
   * Stripe.js's `elements.fetchUpdates()`: re-reads the PaymentIntent the group was created with, so the
   * Payment Element reflects a changed amount; resolves `{}` or `{error}`, never rejects.
   */
  async fetchUpdates(): Promise<{ error?: StripeError }> {
    const secret = this.options.clientSecret;
    if (!secret || !this.retrieve) return {};
    const result = await this.retrieve(secret);
    if ("error" in result) return { error: result.error };
    this.intent = { amount: result.paymentIntent.amount, currency: result.paymentIntent.currency };
    for (const handler of this.handlers.get("update-end") ?? []) handler({});
    return {};
  }

  /** Validates the Payment Element before a deferred-intent confirmation. */
  submit(): Promise<{ error: StripeError } | { selectedPaymentMethod: string }> {
    const collected = this.element?.collect();
    if (!collected) {
      return Promise.resolve({
        error: { type: "validation_error", message: "No Payment Element was created." },
      });
    }
    return Promise.resolve(
      "error" in collected ? { error: collected.error } : { selectedPaymentMethod: "card" },
    );
  }

  on(event: string, handler: Handler): this {
    const set = this.handlers.get(event) ?? new Set<Handler>();
    set.add(handler);
    this.handlers.set(event, set);
    return this;
  }

  off(event: string, handler?: Handler): this {
    if (handler) this.handlers.get(event)?.delete(handler);
    else this.handlers.delete(event);
    return this;
  }
}
