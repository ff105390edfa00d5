import type Stripe from "stripe";
import { EMULATOR_PLATFORM_ACCOUNT_ID } from "../constants";
import type { ApiRequest } from "../core/api";
import { invalidRequest, StripeApiError } from "../core/errors";
import type { Params } from "../core/form";
import { ParamReader } from "../core/params";
import { createAccount, SUPPORTED_COUNTRIES } from "./accounts";

// `POST /v1/accounts` with controller properties (docs "Migrate to controller properties",
// API reference "Create an account"). The platform creates the account; the seller then completes
// Stripe-hosted onboarding through an Account Link (account-links.ts).

/** What a new account still needs before Stripe lets it take payments (initial onboarding). */
export const INITIAL_REQUIREMENTS = [
  "business_profile.mcc",
  "business_profile.url",
  "business_type",
  "external_account",
  "representative.first_name",
  "representative.last_name",
  "tos_acceptance.date",
  "tos_acceptance.ip",
];

type ControllerInput = {
  feesPayer: "account" | "application" | undefined;
  losses: "stripe" | "application" | undefined;
  requirementCollection: "stripe" | "application" | undefined;
  dashboard: "full" | "express" | "none" | undefined;
};

function readController(value: Params | undefined): ControllerInput | null {
  if (!value) return null;
  const reader = new ParamReader(value, ["fees", "losses", "requirement_collection", "stripe_dashboard"]);
  const sub = <T extends string>(name: string, key: string, values: readonly T[]): T | undefined => {
    const object = reader.object(name);
    if (!object) return undefined;
    return new ParamReader(object, [key]).oneOf(key, values);
  };
  return {
    feesPayer: sub("fees", "payer", ["account", "application"] as const),
    losses: sub("losses", "payments", ["stripe", "application"] as const),
    requirementCollection: reader.oneOf("requirement_collection", ["stripe", "application"] as const),
    dashboard: sub("stripe_dashboard", "type", ["full", "express", "none"] as const),
  };
}

/**
 * Stripe refuses combinations it does not offer: a full Stripe Dashboard goes with the account paying
 * Stripe's fees, Stripe carrying losses and Stripe collecting requirements (Standard's behaviour).
 * The emulator models that one configuration, which is the one SixthDesk uses.
 */
function checkController(c: ControllerInput): void {
  if (c.dashboard !== undefined && c.dashboard !== "full") {
    throw invalidRequest(
      "The Stripe emulator only models accounts with a full Stripe Dashboard (controller[stripe_dashboard][type]=full).",
      { param: "controller[stripe_dashboard][type]" },
    );
  }
  const conflicts: [string, boolean][] = [
    ["controller[fees][payer]", c.feesPayer === "application"],
    ["controller[losses][payments]", c.losses === "application"],
    ["controller[requirement_collection]", c.requirementCollection === "application"],
  ];
  for (const [param, bad] of conflicts) {
    if (bad) {
      throw invalidRequest(
        `${param} cannot be set to application when controller[stripe_dashboard][type] is full: accounts with the full Stripe Dashboard pay their own fees, Stripe carries their losses and collects their requirements.`,
        { param },
      );
    }
  }
}

function controllerObject(): Stripe.Account.Controller {
  return {
    type: "application",
    is_controller: true,
    fees: { payer: "account" },
    losses: { payments: "stripe" },
    requirement_collection: "stripe",
    stripe_dashboard: { type: "full" },
  };
}

/** `POST /v1/accounts`: only the platform creates accounts, never a connected account acting as itself. */
export function createAccountApiRoute(req: ApiRequest): unknown {
  if (req.ctx.account !== EMULATOR_PLATFORM_ACCOUNT_ID) {
    throw new StripeApiError(403, {
      type: "invalid_request_error",
      message: "Only a platform can create connected accounts: do not send a Stripe-Account header.",
    });
  }
  const p = new ParamReader(req.params, [
    "type",
    "controller",
    "country",
    "email",
    "business_type",
    "business_profile",
    "capabilities",
    "metadata",
  ]);
  const type = p.oneOf("type", ["standard", "express", "custom"] as const);
  const controller = readController(p.object("controller"));
  if (type && controller) {
    throw invalidRequest("You cannot set both `type` and `controller`: use controller properties only.", {
      param: "type",
    });
  }
  if (type && type !== "standard") {
    throw invalidRequest(`The Stripe emulator only models Standard-like accounts, not ${type}.`, {
      param: "type",
    });
  }
  if (controller) checkController(controller);
  const country = (p.string("country") ?? "US").toUpperCase();
  if (!SUPPORTED_COUNTRIES.includes(country)) {
    throw invalidRequest(`Country '${country}' is unknown or not supported.`, {
      param: "country",
      code: "country_unsupported",
    });
  }
  const profile = p.object("business_profile");
  const name = profile && typeof profile.name === "string" ? profile.name : null;
  const record = createAccount(req.ctx.store, {
    name: name ?? "",
    country,
    email: p.string("email") ?? null,
    chargesEnabled: false,
    connected: true,
  });
  record.platformCreated = true;
  record.onboarding = { laterRequirement: null };
  const account = record.object;
  if (account.business_profile) account.business_profile.name = name;
  if (account.requirements) {
    Object.assign(account.requirements, {
      currently_due: [...INITIAL_REQUIREMENTS],
      eventually_due: [...INITIAL_REQUIREMENTS],
      past_due: [...INITIAL_REQUIREMENTS],
      disabled_reason: "requirements.past_due",
    });
  }
  Object.assign(account, {
    controller: controllerObject(),
    metadata: p.metadata(),
    tos_acceptance: { date: null, ip: null, user_agent: null },
  } satisfies Partial<Stripe.Account>);
  req.ctx.store.touch();
  return account;
}
