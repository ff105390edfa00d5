// The bare baseline: node:http + postgres, no framework. Started by the bench as its own process:
//   BASELINE_PORT=3501 DATABASE_URL=postgres://… WEBHOOK_SECRET=whsec_… tsx bench/baseline-server.ts
import { createServer } from "node:http";
import { createBaselineHandler } from "./lib/baseline-webhook";

const port = Number(process.env.BASELINE_PORT ?? 3501);
const databaseUrl = process.env.DATABASE_URL;
const webhookSecret = process.env.WEBHOOK_SECRET;
if (!databaseUrl || !webhookSecret) {
  console.error("baseline-server: DATABASE_URL and WEBHOOK_SECRET are required");
  process.exit(1);
}

const handler = createBaselineHandler({ databaseUrl, webhookSecret });

const server = createServer(async (req, res) => {
  if (req.method === "GET" && req.url === "/health") {
    res.writeHead(200, { "Content-Type": "application/json" }).end('{"ok":true}');
    return;
  }
  if (req.method !== "POST" || req.url !== "/webhook") {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const signature = req.headers["stripe-signature"];
  const answer = await handler.handle(
    Buffer.concat(chunks).toString("utf8"),
    typeof signature === "string" ? signature : null,
  );
  res.writeHead(answer.status, { "Content-Type": "application/json" }).end(JSON.stringify(answer.body));
});

server.listen(port, "127.0.0.1");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    handler.close().finally(() => process.exit(0));
  });
}
