import { randomUUID } from "node:crypto";

export const TEST_FROM = "invoices@sixthdesk.test";

/** A unique address: tests on PostgreSQL share one outbox, so each test reads only its own mail. */
export function uniqueAddress(prefix = "customer") {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}
