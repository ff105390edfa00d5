import { z } from "zod";

const schema = z.uuid();

/** A malformed id is simply not found, like an id of someone else's invoice. */
export function invoiceIdParam(value: string): string | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
