import "server-only";
import type Stripe from "stripe";
import { getStripe } from "@/lib/stripe/client";

/** A bound on how far back a list is followed: reconcile repairs recent drift, not all history. */
export const MAX_LIST_PAGES = 5;

/** Follows a Stripe list (newest first) page by page, at most `maxPages` pages of 100. */
export async function collectPages<T extends { id: string }>(
  fetchPage: (params: { limit: number; starting_after?: string }) => Promise<Stripe.ApiList<T>>,
  maxPages = MAX_LIST_PAGES,
): Promise<T[]> {
  const all: T[] = [];
  let startingAfter: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const list = await fetchPage({ limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) });
    all.push(...list.data);
    const last = list.data.at(-1);
    if (!list.has_more || !last) break;
    startingAfter = last.id;
  }
  return all;
}

/** Stripe's refunds on the account, newest first, optionally for one charge or PaymentIntent. */
export function listStripeRefunds(
  accountId: string,
  filter: { charge?: string; payment_intent?: string } = {},
): Promise<Stripe.Refund[]> {
  return collectPages((page) =>
    getStripe().refunds.list({ ...filter, ...page }, { stripeAccount: accountId }),
  );
}
