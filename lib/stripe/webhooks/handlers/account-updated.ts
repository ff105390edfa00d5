import "server-only";
import type Stripe from "stripe";
import { findUserByStripeAccountForWebhook, updateAccountSnapshot } from "@/db/queries/stripe-accounts";
import { getStripe } from "../../client";
import { accountSnapshot, handleAccountRevoked } from "../../connect";
import { isAccountAccessRevoked } from "../../errors";
import { defineHandler } from "../types";

type Prepared = { kind: "account"; account: Stripe.Account } | { kind: "revoked"; accountId: string } | null;

/** account.updated: re-reads the account, so a late event cannot turn charges_enabled back. */
export const accountUpdatedHandler = defineHandler<Prepared>({
  async prepare(_db, event) {
    const accountId = event.account ?? (event.data.object as Stripe.Account).id;
    try {
      return { kind: "account", account: await getStripe().accounts.retrieve(accountId) };
    } catch (error) {
      if (isAccountAccessRevoked(error)) return { kind: "revoked", accountId };
      throw error;
    }
  },
  async apply(db, _event, prepared) {
    if (!prepared) return;
    if (prepared.kind === "revoked") {
      await handleAccountRevoked(db, { accountId: prepared.accountId, at: new Date(), actor: "stripe" });
      return;
    }
    const user = await findUserByStripeAccountForWebhook(db, prepared.account.id);
    if (user?.stripeConnectionStatus !== "connected") return;
    await updateAccountSnapshot(db, {
      userId: user.id,
      accountId: prepared.account.id,
      snapshot: accountSnapshot(prepared.account),
    });
  },
});
