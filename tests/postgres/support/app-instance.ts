// One app instance for the two-instance storm test, as its own process: the real webhook route and
// readiness route served over HTTP, the real start-up (webhook worker, shutdown handlers) on the
// PostgreSQL at DATABASE_URL, the Stripe emulator at STRIPE_EMULATOR_URL. Run with tsx
// --conditions=react-server, as the npm scripts are; PORT picks the port.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { GET as ready } from "@/app/api/health/ready/route";
import { POST as webhook } from "@/app/api/webhooks/stripe/route";
import { getEnv } from "@/lib/env";
import { errorContext, logger } from "@/lib/logger";
import { onServerStart } from "@/lib/server-start";
import { onShutdown } from "@/lib/shutdown";

// The test fails on any of these lines: the driver must not throw outside a promise.
process.on("uncaughtException", (error) => {
  logger.error("UNCAUGHT EXCEPTION", {
    ...errorContext(error),
    stack: error.stack?.split("\n").slice(0, 12).join(" | "),
  });
  process.exit(70);
});
process.on("unhandledRejection", (error) => {
  logger.error("UNHANDLED REJECTION", {
    ...errorContext(error),
    stack: error instanceof Error ? error.stack?.split("\n").slice(0, 12).join(" | ") : undefined,
  });
  process.exit(71);
});

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers))
    if (typeof value === "string") headers.set(key, value);
  const body = req.method === "POST" ? Buffer.concat(chunks) : undefined;
  return new Request(`http://127.0.0.1${req.url ?? "/"}`, { method: req.method, headers, body });
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const request = await toRequest(req);
  const path = new URL(request.url).pathname;
  const response =
    path === "/api/webhooks/stripe" && req.method === "POST"
      ? await webhook(request)
      : path === "/api/health/ready"
        ? await ready(request)
        : new Response("not found", { status: 404 });
  res.writeHead(response.status, { "Content-Type": "application/json" });
  res.end(await response.text());
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    logger.error("request failed", errorContext(error));
    res.writeHead(500);
    res.end();
  });
});
await onServerStart({ backgroundWork: true });
// After the workers' steps: HTTP drains last, as under next start.
onShutdown({
  name: "http server",
  run: () => new Promise<void>((resolve) => server.close(() => resolve())),
});
const port = Number(process.env.PORT ?? 0);
server.listen(port, "127.0.0.1", () => {
  logger.info("instance listening", { port, stripe: getEnv().stripeMode });
});
