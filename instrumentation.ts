// Runs once when the server starts. The Node-only work lives in its own module so the edge build of
// this file stays free of Node APIs.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { onServerStart } = await import("./lib/server-start");
    // next build loads this file too; background work is for a serving process only.
    await onServerStart({ backgroundWork: process.env.NEXT_PHASE !== "phase-production-build" });
  }
}
