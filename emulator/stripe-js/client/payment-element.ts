import { digitsOnly, parseExpiry } from "../../core/card-validation";
import { type CardField, createField, type FieldName, showError } from "./card-fields";
import { ensureStyles } from "./styles";
import type { CardData, Handler, StripeError } from "./types";

export type PaymentElementOptions = {
  readOnly?: boolean;
  fields?: {
    billingDetails?: "never" | "auto" | { address?: "never" | "auto" | { postalCode?: "never" | "auto" } };
  };
  [key: string]: unknown;
};

function wantsPostalCode(options: PaymentElementOptions): boolean {
  const billing = options.fields?.billingDetails;
  if (billing === "never") return false;
  const address = typeof billing === "object" ? billing.address : undefined;
  if (address === "never") return false;
  return !(typeof address === "object" && address.postalCode === "never");
}

/**
 * A stand-in for Stripe's Payment Element: plain labelled inputs (card number, expiry, security code,
 * postal code) in the page itself, with Stripe.js's validation wording and `change`/`ready` events.
 */
export class PaymentElement {
  private readonly handlers = new Map<string, Set<Handler>>();
  private root: HTMLElement | null = null;
  private fields: CardField[] = [];
  private ready = false;
  private destroyed = false;

  constructor(
    private options: PaymentElementOptions,
    private readonly onDestroy: () => void = () => {},
  ) {}

  mount(target: HTMLElement | string): void {
    if (this.destroyed) throw new Error("This Element has already been destroyed. Please create a new one.");
    const container = typeof target === "string" ? document.querySelector<HTMLElement>(target) : target;
    if (!container) throw new Error(`Invalid DOM element or selector passed to mount(): ${String(target)}`);
    ensureStyles();
    this.root = document.createElement("div");
    this.root.className = "StripeEmulatorElement";
    this.root.setAttribute("data-testid", "stripe-emulator-payment-element");
    const badge = document.createElement("span");
    badge.className = "se-badge";
    badge.textContent = "Card · Stripe emulator (test mode)";
    this.root.append(badge);
    const make = (name: FieldName) => {
      const { field, label } = createField(name, () => this.value("number"));
      field.input.addEventListener("input", () => this.onInput(field));
      field.input.addEventListener("blur", () => this.onBlur(field));
      field.input.addEventListener("focus", () => this.emit("focus", { elementType: "payment" }));
      this.fields.push(field);
      return label;
    };
    this.fields = [];
    const row = document.createElement("div");
    row.className = "se-row";
    this.root.append(make("number"));
    row.append(make("expiry"), make("cvc"));
    this.root.append(row);
    if (wantsPostalCode(this.options)) this.root.append(make("postal"));
    container.append(this.root);
    this.applyReadOnly();
    this.emit("loaderstart", { elementType: "payment" });
    setTimeout(() => {
      this.ready = true;
      this.emit("ready", { elementType: "payment" });
    }, 0);
  }

  unmount(): void {
    this.root?.remove();
    this.root = null;
    this.ready = false;
  }

  destroy(): void {
    this.unmount();
    this.destroyed = true;
    this.handlers.clear();
    this.onDestroy();
  }

  on(event: string, handler: Handler): this {
    const set = this.handlers.get(event) ?? new Set<Handler>();
    set.add(handler);
    this.handlers.set(event, set);
    // React attaches handlers after mounting; a late `ready` listener still hears about it.
    if (event === "ready" && this.ready) setTimeout(() => handler({ elementType: "payment" }), 0);
    return this;
  }

  once(event: string, handler: Handler): this {
    const wrapped: Handler = (payload) => {
      this.off(event, wrapped);
      handler(payload);
    };
    return this.on(event, wrapped);
  }

  off(event: string, handler?: Handler): this {
    if (handler) this.handlers.get(event)?.delete(handler);
    else this.handlers.delete(event);
    return this;
  }

  update(options: PaymentElementOptions): void {
    this.options = { ...this.options, ...options };
    this.applyReadOnly();
  }

  focus(): void {
    this.fields[0]?.input.focus();
  }

  blur(): void {
    for (const f of this.fields) f.input.blur();
  }

  clear(): void {
    for (const f of this.fields) {
      f.input.value = "";
      showError(f, null);
    }
    this.emitChange();
  }

  collapse(): void {}

  /** Validates every field (showing errors) and returns the card, or Stripe.js's `validation_error`. */
  collect(): { card: CardData } | { error: StripeError } {
    if (!this.root) {
      return {
        error: {
          type: "validation_error",
          code: "element_not_mounted",
          message: "The Payment Element is not mounted.",
        },
      };
    }
    let first: StripeError | null = null;
    for (const field of this.fields) {
      const problem = field.validate();
      showError(field, problem);
      if (problem && !first)
        first = { type: "validation_error", code: problem.code, message: problem.message };
    }
    if (first) return { error: first };
    const expiry = parseExpiry(this.value("expiry"));
    return {
      card: {
        number: digitsOnly(this.value("number")),
        exp_month: String(expiry?.month ?? ""),
        exp_year: String(expiry?.year ?? ""),
        cvc: digitsOnly(this.value("cvc")),
        postal_code: this.fields.some((f) => f.name === "postal") ? this.value("postal").trim() : null,
      },
    };
  }

  private value(name: FieldName): string {
    return this.fields.find((f) => f.name === name)?.input.value ?? "";
  }

  private applyReadOnly(): void {
    for (const f of this.fields) f.input.readOnly = Boolean(this.options.readOnly);
  }

  private onInput(field: CardField): void {
    field.format();
    if (field.error.textContent && !field.validate()) showError(field, null);
    this.emitChange();
  }

  private onBlur(field: CardField): void {
    if (field.input.value) showError(field, field.validate());
    this.emit("blur", { elementType: "payment" });
  }

  private emitChange(): void {
    const empty = this.fields.every((f) => f.input.value === "");
    const complete = this.fields.every((f) => f.validate() === null);
    this.emit("change", {
      elementType: "payment",
      empty,
      complete,
      collapsed: false,
      value: { type: "card" },
    });
  }

  private emit(event: string, payload: unknown): void {
    for (const handler of this.handlers.get(event) ?? []) handler(payload);
  }
}
