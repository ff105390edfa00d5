import type Stripe from "stripe";
import { DEMO_ACCOUNT_GB, DEMO_ACCOUNT_US, EMULATOR_PLATFORM_ACCOUNT_ID } from "../constants";
import { accountInvalid } from "../core/errors";
import { randomToken } from "../core/ids";
import type { AccountRecord } from "../core/state";
import type { OpContext, Store } from "../core/store";

export type NewAccount = {
  id?: string;
  name: string;
  country: string;
  email?: string | null;
  /** false: an account that cannot take charges yet (onboarding unfinished). */
  chargesEnabled: boolean;
  demo?: boolean;
  connected?: boolean;
};

const CURRENCIES: Record<string, string> = {
  GB: "gbp",
  US: "usd",
  IE: "eur",
  FR: "eur",
  DE: "eur",
  NL: "eur",
  ES: "eur",
  IT: "eur",
  AU: "aud",
  CA: "cad",
  JP: "jpy",
};
export const SUPPORTED_COUNTRIES = Object.keys(CURRENCIES);

const ONBOARDING_DUE = [
  "business_profile.url",
  "external_account",
  "tos_acceptance.date",
  "tos_acceptance.ip",
];

/** The requirement-related fields of an account that can or cannot take charges. */
function capabilityFields(chargesEnabled: boolean) {
  const requirements: Stripe.Account.Requirements = {
    alternatives: [],
    current_deadline: null,
    currently_due: chargesEnabled ? [] : ONBOARDING_DUE,
    disabled_reason: chargesEnabled ? null : "requirements.past_due",
    errors: [],
    eventually_due: chargesEnabled ? [] : ONBOARDING_DUE,
    past_due: chargesEnabled ? [] : ONBOARDING_DUE,
    pending_verification: [],
  };
  const status = chargesEnabled ? "active" : "inactive";
  return {
    charges_enabled: chargesEnabled,
    payouts_enabled: chargesEnabled,
    details_submitted: chargesEnabled,
    capabilities: { card_payments: status, transfers: status } satisfies Stripe.Account.Capabilities,
    requirements,
  };
}

export function buildAccount(input: NewAccount, created: number): Stripe.Account {
  const id = input.id ?? `acct_${randomToken(16)}`;
  const country = input.country.toUpperCase();
  return {
    id,
    object: "account",
    business_profile: {
      mcc: null,
      minority_owned_business_designation: null,
      name: input.name,
      specified_commercial_transactions_act_url: null,
      support_address: null,
      support_email: null,
      support_phone: null,
      support_url: null,
      url: null,
    },
    business_type: "company",
    controller: { type: "account", is_controller: false },
    country,
    created,
    default_currency: CURRENCIES[country] ?? "usd",
    email: input.email ?? `owner@${id.replace(/_/g, "-")}.example`,
    external_accounts: {
      object: "list",
      data: [],
      has_more: false,
      url: `/v1/accounts/${id}/external_accounts`,
    },
    future_requirements: {
      alternatives: [],
      current_deadline: null,
      currently_due: [],
      disabled_reason: null,
      errors: [],
      eventually_due: [],
      past_due: [],
      pending_verification: [],
    },
    metadata: {},
    settings: {
      branding: { icon: null, logo: null, primary_color: null, secondary_color: null },
      card_payments: {
        decline_on: { avs_failure: false, cvc_failure: true },
        statement_descriptor_prefix: null,
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
      dashboard: { display_name: input.name, timezone: "Etc/UTC" },
      payments: {
        statement_descriptor: input.name.toUpperCase().slice(0, 22),
        statement_descriptor_kana: null,
        statement_descriptor_kanji: null,
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
    },
    tos_acceptance: { date: input.chargesEnabled ? created : null, ip: null, user_agent: null },
    type: "standard",
    ...capabilityFields(input.chargesEnabled),
  };
}

export function createAccount(store: Store, input: NewAccount): AccountRecord {
  const record: AccountRecord = {
    object: buildAccount(input, store.clock.now()),
    connected: input.connected ?? false,
    demo: input.demo ?? false,
  };
  store.state.accounts[record.object.id] = record;
  store.touch();
  return record;
}

/** The platform and the demo accounts every fresh (or reset) emulator starts with. */
export function seedAccounts(store: Store): void {
  createAccount(store, {
    id: EMULATOR_PLATFORM_ACCOUNT_ID,
    name: "SixthDesk Platform (emulator)",
    country: "GB",
    chargesEnabled: true,
  });
  createAccount(store, {
    id: DEMO_ACCOUNT_GB,
    name: "Demo Studio Ltd",
    country: "GB",
    chargesEnabled: true,
    demo: true,
  });
  createAccount(store, {
    id: DEMO_ACCOUNT_US,
    name: "Demo Agency LLC",
    country: "US",
    chargesEnabled: true,
    demo: true,
  });
}

/** The account a connected-account call acts on; 403 when the platform has no (or lost its) connection. */
export function requireConnected(store: Store, accountId: string, key: string): AccountRecord {
  const record = store.state.accounts[accountId];
  if (!record || accountId === EMULATOR_PLATFORM_ACCOUNT_ID || !record.connected) {
    throw accountInvalid(accountId, key);
  }
  return record;
}

/** Changes whether an account can take charges, as Stripe would after a review, and tells the platform. */
export function setChargesEnabled(ctx: OpContext, chargesEnabled: boolean): Stripe.Account {
  const record = ctx.store.state.accounts[ctx.account];
  if (!record) throw accountInvalid(ctx.account, "");
  const account = record.object;
  if (account.charges_enabled === chargesEnabled) return account;
  const fields = capabilityFields(chargesEnabled);
  const previous = {
    charges_enabled: account.charges_enabled,
    payouts_enabled: account.payouts_enabled,
    details_submitted: account.details_submitted,
    capabilities: account.capabilities,
    requirements: account.requirements,
  };
  Object.assign(account, fields);
  ctx.store.touch();
  ctx.store.emit(ctx, "account.updated", account, previous);
  return account;
}
