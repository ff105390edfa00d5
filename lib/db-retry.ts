import { isDatabaseUnavailable } from "@/db/queries/pg-errors";

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a queue's bookkeeping statement (record a failure, hand back a claim) again while the database
 * is briefly unreachable: right after the pool's connections die, the next statements can land on
 * sockets not yet seen closed. Only for statements that are idempotent (each is guarded by the claim's
 * attempt number); any other error, or the last attempt's, is thrown.
 */
export async function retryWhileUnavailable<T>(
  work: () => Promise<T>,
  delaysMs = [100, 500, 2_000],
): Promise<T> {
  for (const wait of delaysMs) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      await delay(wait);
    }
  }
  return work();
}
