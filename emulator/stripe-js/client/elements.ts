import { PaymentElement, type PaymentElementOptions } from "./payment-element";
import type { Handler, StripeError } from "./types";

export type ElementsOptions = { clientSecret?: string; mode?: string; [key: string]: unknown };

/** `stripe.elements(…)`: a group holding (at most) one Payment Element, like Stripe.js's. */
export class ElementsGroup {
  private element: PaymentElement | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(private options: ElementsOptions) {}

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

  fetchUpdates(): Promise<Record<string, never>> {
    return Promise.resolve({});
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
