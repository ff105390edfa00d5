import { vi } from "vitest";
import { setLogLevel } from "@/lib/logger";
import { currentTestSession } from "./session";

// Server actions run outside a Next request here: revalidation is a no-op and the session comes from
// the test, while everything below (ownership checks, queries, transactions) is the real code.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: vi.fn(async () => currentTestSession()),
}));

// Expected failures (declines, refused states, unreachable Stripe) log warnings by design; keep test
// output to real errors.
setLogLevel("error");
