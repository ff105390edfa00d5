import "server-only";
import type Stripe from "stripe";
import { findUserByStripeAccountForStripe, updateAccountSnapshot } from "@/db/queries/stripe-accounts";
import { getStripe } from "../client";
import { accountSnapshot, handleAccountRevoked } from "../connect-account";
import { connectedStripeAccount } from "../connection";
import { callConnectedAccount, defineEventSync } from "./shared";

// Connected accounts: what we keep of a User's Stripe account (charges enabled, details submitted,
// country, currency) and whether we still have access to it, from Stripe's account events.

/** account.updated: re-reads the account, so a late event cannot turn charges_enabled back. */
export const accountUpdatedEventSync = defineEventSync<Stripe.Account | null>({
  async prepare(db, event) {
    const accountId = event.account ?? (event.data.object as Stripe.Account).id;
    const read = await callConnectedAccount(db, { accountId }, () =>
      getStripe().accounts.retrieve(accountId),
    );
    return read.revoked ? null : read.value;
  },
  async apply(db, _event, account) {
    if (!account) return;
    const user = await findUserByStripeAccountForStripe(db, { accountId: account.id });
    if (!user || connectedStripeAccount(user) !== account.id) return;
    await updateAccountSnapshot(db, {
      userId: user.id,
      accountId: account.id,
      snapshot: accountSnapshot(account),
    });
  },
});

/**
 * account.application.deauthorized: the User revoked our access from Stripe's side. There is nothing
 * left to read from Stripe (the account answers 403 now); the event's time keeps a late delivery from
 * ending a connection the User made again afterwards.
 */
export const accountDeauthorizedEventSync = defineEventSync<null>({
  async prepare() {
    return null;
  },
  async apply(db, event) {
    if (!event.account) return;
    await handleAccountRevoked(db, {
      accountId: event.account,
      at: new Date(),
      actor: "stripe",
      // `created` has whole seconds: a connection made earlier in that same second is still older.
      connectedBefore: new Date(event.created * 1000 + 999),
    });
  },
});
