import type Stripe from "stripe";
import type { Emulator } from "../emulator";
import { addRequirement, DEFAULT_DEADLINE_SECONDS } from "../resources/account-onboarding";
import { type ControlHandler, optionalNumber, optionalString, requireAccount } from "./helpers";

/**
 * Stripe asks an account for something more, as its reviews do after the account started taking
 * payments: `field` becomes currently due with a deadline (`deadline_seconds`, default 14 days; 0 makes
 * it past due at once, which stops charges). Emits `account.updated`.
 */
export const requireFieldRoute: ControlHandler = (emulator: Emulator, { path, body }): Stripe.Account => {
  const record = requireAccount(emulator, path.id ?? "");
  addRequirement(emulator.context(record.object.id), {
    field: optionalString(body, "field") ?? "individual.verification.document",
    deadlineSeconds: Math.max(0, optionalNumber(body, "deadline_seconds") ?? DEFAULT_DEADLINE_SECONDS),
  });
  return record.object;
};

/** The full account object as Stripe holds it (capabilities, requirements, controller). */
export const accountObjectRoute: ControlHandler = (emulator: Emulator, { path }): Stripe.Account =>
  requireAccount(emulator, path.id ?? "").object;
