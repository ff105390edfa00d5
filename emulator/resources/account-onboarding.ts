import type Stripe from "stripe";
import { accountInvalid } from "../core/errors";
import type { AccountRecord } from "../core/state";
import type { OpContext } from "../core/store";

// What Stripe-hosted onboarding and Stripe's later reviews do to an account (docs "Handle verification
// updates", "Account capabilities"): capabilities move inactive → pending → active, requirements come
// and go, and every change is an `account.updated` event with `previous_attributes`.

/** Seconds from submitting onboarding to Stripe's verification (then capabilities turn active). */
export const VERIFY_SECONDS = 10;
/** How long a new requirement stays `currently_due` before it is `past_due` (Stripe gives weeks). */
export const DEFAULT_DEADLINE_SECONDS = 14 * 24 * 3600;

export type OnboardingOutcome = "complete" | "details_due" | "past_due_later" | "rejected";
export const ONBOARDING_OUTCOMES: readonly OnboardingOutcome[] = [
  "complete",
  "details_due",
  "past_due_later",
  "rejected",
];

/** The document Stripe asks for later in the "past due later" outcome. */
export const LATER_REQUIREMENT = "individual.verification.document";

type Requirements = Stripe.Account.Requirements;
type CapabilityStatus = "active" | "inactive" | "pending";
type Changes = {
  charges_enabled?: boolean;
  payouts_enabled?: boolean;
  details_submitted?: boolean;
  capabilities?: CapabilityStatus;
  requirements?: Partial<Requirements>;
};

function recordOf(ctx: OpContext): AccountRecord {
  const record = ctx.store.state.accounts[ctx.account];
  if (!record) throw accountInvalid(ctx.account, "");
  return record;
}

/**
 * Applies changes to the account and, when anything changed, emits `account.updated` whose
 * `previous_attributes` holds the old value of every top-level field that changed (as Stripe does).
 */
export function updateAccount(ctx: OpContext, changes: Changes): Stripe.Account {
  const account = recordOf(ctx).object;
  const next: Partial<Stripe.Account> = {};
  if (changes.charges_enabled !== undefined) next.charges_enabled = changes.charges_enabled;
  if (changes.payouts_enabled !== undefined) next.payouts_enabled = changes.payouts_enabled;
  if (changes.details_submitted !== undefined) next.details_submitted = changes.details_submitted;
  if (changes.capabilities !== undefined) {
    next.capabilities = { card_payments: changes.capabilities, transfers: changes.capabilities };
  }
  if (changes.requirements) {
    const base = account.requirements ?? emptyRequirements();
    next.requirements = { ...base, ...changes.requirements };
  }
  const previous: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const old = account[key as keyof Stripe.Account];
    if (JSON.stringify(old) !== JSON.stringify(value)) previous[key] = structuredClone(old);
  }
  if (Object.keys(previous).length === 0) return account;
  Object.assign(account, next);
  ctx.store.touch();
  ctx.store.emit(ctx, "account.updated", account, previous);
  return account;
}

function emptyRequirements(): Requirements {
  return {
    alternatives: [],
    current_deadline: null,
    currently_due: [],
    disabled_reason: null,
    errors: [],
    eventually_due: [],
    past_due: [],
    pending_verification: [],
  };
}

const without = (list: string[] | null | undefined, field: string) => (list ?? []).filter((f) => f !== field);

/** The seller submits the hosted onboarding form with the chosen outcome. */
export function applyOnboardingOutcome(ctx: OpContext, outcome: OnboardingOutcome): Stripe.Account {
  const record = recordOf(ctx);
  const account = record.object;
  const active = account.capabilities?.card_payments === "active";
  switch (outcome) {
    case "details_due": {
      // The seller left before the end: what they typed is kept, the bank account and terms are not.
      const due = ["external_account", "tos_acceptance.date", "tos_acceptance.ip"];
      const keep = (account.requirements?.currently_due ?? []).filter((f) => due.includes(f));
      const stillDue = active ? (account.requirements?.currently_due ?? []) : keep.length ? keep : due;
      return updateAccount(ctx, {
        requirements: {
          currently_due: stillDue,
          eventually_due: stillDue,
          past_due: active ? (account.requirements?.past_due ?? []) : stillDue,
          disabled_reason: active ? account.requirements?.disabled_reason : "requirements.past_due",
        },
      });
    }
    case "rejected":
      return updateAccount(ctx, {
        charges_enabled: false,
        payouts_enabled: false,
        details_submitted: true,
        capabilities: "inactive",
        requirements: { ...emptyRequirements(), disabled_reason: "rejected.other" },
      });
    case "complete":
    case "past_due_later": {
      record.onboarding = { laterRequirement: outcome === "past_due_later" ? LATER_REQUIREMENT : null };
      if (active) {
        // An account that already takes payments only had new requirements to answer.
        updateAccount(ctx, { requirements: emptyRequirements() });
        ctx.store.schedule("account_verify", ctx.account, ctx.account, VERIFY_SECONDS);
        return account;
      }
      updateAccount(ctx, {
        details_submitted: true,
        capabilities: "pending",
        requirements: {
          ...emptyRequirements(),
          pending_verification: ["representative.verification.document"],
          disabled_reason: "requirements.pending_verification",
        },
      });
      ctx.store.schedule("account_verify", ctx.account, ctx.account, VERIFY_SECONDS);
      return account;
    }
    default: {
      const never: never = outcome;
      throw new Error(`unknown outcome ${String(never)}`);
    }
  }
}

/** Job: Stripe has verified what onboarding submitted; capabilities turn active. */
export function verifyAccount(ctx: OpContext): void {
  const record = ctx.store.state.accounts[ctx.account];
  if (!record || record.object.requirements?.disabled_reason?.startsWith("rejected")) return;
  if (record.object.capabilities?.card_payments === "pending") {
    updateAccount(ctx, {
      charges_enabled: true,
      payouts_enabled: true,
      capabilities: "active",
      requirements: { ...emptyRequirements() },
    });
  }
  const later = record.onboarding?.laterRequirement;
  if (later) {
    record.onboarding = { laterRequirement: null };
    addRequirement(ctx, { field: later, deadlineSeconds: DEFAULT_DEADLINE_SECONDS });
  }
}

/**
 * Stripe asks an active account for something more: `currently_due` with a deadline while payments go
 * on, then (job `account_deadline`) `past_due`, which disables charges. `deadlineSeconds: 0` makes it
 * past due at once.
 */
export function addRequirement(ctx: OpContext, input: { field: string; deadlineSeconds: number }): void {
  const account = recordOf(ctx).object;
  const requirements = account.requirements ?? emptyRequirements();
  const deadline = ctx.store.clock.now() + input.deadlineSeconds;
  updateAccount(ctx, {
    requirements: {
      currently_due: [...without(requirements.currently_due, input.field), input.field],
      eventually_due: [...without(requirements.eventually_due, input.field), input.field],
      current_deadline: deadline,
    },
  });
  if (input.deadlineSeconds <= 0) passDeadline(ctx);
  else ctx.store.schedule("account_deadline", ctx.account, ctx.account, input.deadlineSeconds);
}

/** Job: the deadline passed with requirements still due; the account stops taking payments. */
export function passDeadline(ctx: OpContext): void {
  const record = ctx.store.state.accounts[ctx.account];
  if (!record) return;
  const requirements = record.object.requirements ?? emptyRequirements();
  const deadline = requirements.current_deadline;
  const due = requirements.currently_due ?? [];
  if (due.length === 0 || deadline === null) return;
  const left = deadline - ctx.store.clock.now();
  if (left > 0) {
    // "Settle now" runs every job at once; a deadline still ahead is a date, not a delay: keep waiting.
    ctx.store.schedule("account_deadline", ctx.account, ctx.account, left);
    return;
  }
  updateAccount(ctx, {
    charges_enabled: false,
    payouts_enabled: false,
    capabilities: "inactive",
    requirements: {
      past_due: [...new Set([...(requirements.past_due ?? []), ...due])],
      current_deadline: null,
      disabled_reason: "requirements.past_due",
    },
  });
}
