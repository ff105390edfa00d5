import "server-only";
import { getEnv } from "@/lib/env";

// Links in emails are absolute and built from APP_URL: the public address, not the request's host.

export function payLinkUrl(payToken: string): string {
  return new URL(`/pay/${payToken}`, getEnv().APP_URL).toString();
}

export function dashboardInvoiceUrl(invoiceId: string): string {
  return new URL(`/invoices/${invoiceId}`, getEnv().APP_URL).toString();
}

export const PLATFORM_SENDER_NAME = "SixthDesk";

/** A page of SixthDesk itself (sign-in, an account link), absolute for an email. */
export function appUrl(path: string): string {
  return new URL(path, getEnv().APP_URL).toString();
}
