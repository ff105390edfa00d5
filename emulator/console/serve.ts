import type { ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { browserBundle } from "../http/bundle";

const ENTRY = fileURLToPath(new URL("./client.ts", import.meta.url));

/** The dev console's script (shown on the emulator's home page). */
export async function serveConsoleJs(res: ServerResponse): Promise<void> {
  const js = await browserBundle(ENTRY);
  res.writeHead(200, {
    "Content-Type": "application/javascript; charset=utf-8",
    "Cache-Control": "no-cache",
  });
  res.end(js);
}
