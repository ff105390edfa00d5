import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "./client";
import { withTransaction } from "./transaction";

let handle: DatabaseHandle;

// Starting PGlite (WebAssembly) takes seconds, more on a busy machine than the default 10 s hook limit.
beforeAll(async () => {
  handle = openDatabase({ kind: "pglite", client: await PGlite.create() });
}, 120_000);
afterAll(() => handle.close());

describe("withTransaction", () => {
  it("opens a transaction for a plain database", async () => {
    await withTransaction(handle.db, async (tx) => {
      expect(tx).not.toBe(handle.db);
    });
  });

  it("joins the caller's transaction instead of opening a savepoint", async () => {
    await handle.db.transaction(async (outer) => {
      await withTransaction(outer, async (tx) => {
        expect(tx).toBe(outer);
      });
    });
  });
});
