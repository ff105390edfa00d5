import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { POST } from "@/app/api/webhooks/stripe/route";
import { getDb } from "@/db";
import { drainStripeEvents } from "@/lib/stripe/webhooks/worker";

/**
 * Serves the real webhook route handler over HTTP so the emulator can deliver to it. It stands in for the
 * server's webhook worker too: what the route stored is applied before the delivery is answered, so a
 * test that waits for the emulator's deliveries sees their effects.
 */
export async function startWebhookServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers))
      if (typeof value === "string") headers.set(key, value);
    const response = await POST(
      new Request(`http://127.0.0.1${req.url ?? "/"}`, {
        method: "POST",
        headers,
        body: Buffer.concat(chunks),
      }),
    );
    await drainStripeEvents(getDb());
    res.writeHead(response.status, { "Content-Type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/stripe`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
