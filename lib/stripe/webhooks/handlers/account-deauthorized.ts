import "server-only";
import { handleAccountRevoked } from "../../connect";
import { defineHandler } from "../types";

/**
 * account.application.deauthorized: the User revoked our access from Stripe's side. There is nothing
 * left to read from Stripe (the account answers 403 now); the event's time keeps a late delivery from
 * ending a connection the User made again afterwards.
 */
export const accountDeauthorizedHandler = defineHandler<null>({
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
