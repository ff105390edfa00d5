import "server-only";
import { headers } from "next/headers";
import { clientAddressOf } from "./client-address";

/** The client address of the request a server action runs in ("unknown" outside a request). */
export async function requestClientAddress(): Promise<string> {
  try {
    return clientAddressOf(await headers());
  } catch {
    return "unknown";
  }
}
