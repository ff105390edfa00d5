import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ENTRY = fileURLToPath(new URL("./harness.tsx", import.meta.url));

/** Bundles the harness page's React code (production React, one IIFE). */
async function bundleHarness(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2020",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

function page(emulatorUrl: string, preloaded: boolean): string {
  // A plain (blocking) script runs before the bundle; without it the bundle loads the stand-in itself.
  const script = preloaded ? `<script src="${emulatorUrl}/js/stripe.js"></script>` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Payment Element harness</title>${script}</head>
<body><main><h1>Pay invoice</h1><div id="root"></div></main>
<script src="/harness.js"></script></body></html>`;
}

function returnPage(url: URL): string {
  const rows = [...url.searchParams].map(([k, v]) => `<li data-param="${k}">${k}=${v}</li>`).join("");
  return `<!doctype html><html lang="en"><head><title>Returned</title></head><body><h1>Returned</h1><ul>${rows}</ul></body></html>`;
}

export type HarnessServer = { url: string; close(): Promise<void> };

/** A tiny node:http server for the harness page, its bundle and a return page. */
export async function startHarnessServer(emulatorUrl: string): Promise<HarnessServer> {
  const js = await bundleHarness();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://harness.invalid");
    if (url.pathname === "/harness.js") {
      res.writeHead(200, { "Content-Type": "application/javascript" });
      res.end(js);
    } else if (url.pathname === "/return") {
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end(returnPage(url));
    } else if (url.pathname === "/") {
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end(page(emulatorUrl, url.searchParams.get("preloaded") === "1"));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
