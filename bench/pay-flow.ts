import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Sql } from "./lib/db";
import { insertOpenInvoices, insertSeller } from "./lib/fixtures";
import { type LoadResult, runLoad, warmUp } from "./lib/load";
import { type BenchStripe, connectedAccount } from "./lib/stripe";

export type PayFixture = { tokens: string[]; intentTokens: string[] };

type PayLevel = { connections: number; amount: number; maxSeconds: number };

function payLevels(quick: boolean): PayLevel[] {
  return quick
    ? [
        { connections: 1, amount: 40, maxSeconds: 4 },
        { connections: 10, amount: 100, maxSeconds: 5 },
        { connections: 50, amount: 200, maxSeconds: 6 },
      ]
    : [
        { connections: 1, amount: 150, maxSeconds: 6 },
        { connections: 10, amount: 400, maxSeconds: 8 },
        { connections: 50, amount: 600, maxSeconds: 10 },
      ];
}

/** A seller whose account can charge, with many sent invoices (pay links) to rotate through. */
export async function preparePayFixture(
  ctx: BenchStripe,
  sql: Sql,
  options: { quick: boolean; label: string },
): Promise<PayFixture> {
  const account = await connectedAccount(ctx, `Bench pay ${options.label}`);
  const seller = await insertSeller(sql, {
    email: `bench-pay-${options.label}@bench.test`,
    businessName: "Bench Pay Ltd",
    accountId: account,
  });
  const tokens = await insertOpenInvoices(sql, seller, { count: options.quick ? 150 : 500 });
  return { tokens, intentTokens: tokens.slice(0, options.quick ? 60 : 200) };
}

export type ScriptSizes = { scripts: number; rawBytes: number; gzipBytes: number };

export type PayFlowResult = {
  page: LoadResult[];
  /** The first call per invoice: creates the PaymentIntent on the connected account. */
  intentCreate: LoadResult;
  /** Later calls: retrieve the open PaymentIntent and reuse it. */
  intentReuse: LoadResult[];
  firstLoad: { payPage: ScriptSizes; emptyPage: ScriptSizes; extraGzipBytes: number };
};

function rotating(tokens: readonly string[], path: (token: string) => string, method: "GET" | "POST") {
  let i = 0;
  return () => {
    const token = tokens[i++ % tokens.length] as string;
    return method === "POST"
      ? { path: path(token), method, body: "{}", headers: { "Content-Type": "application/json" } }
      : { path: path(token), method };
  };
}

/** The `/_next/static` scripts a page loads (not `nomodule` polyfills), gzipped one by one and summed. */
export async function firstLoadScripts(baseUrl: string, pagePath: string): Promise<ScriptSizes> {
  const html = await (await fetch(new URL(pagePath, baseUrl))).text();
  const sources = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>/g)) {
    const attributes = match[1] ?? "";
    const src = /\ssrc="([^"]+)"/.exec(attributes)?.[1];
    if (!src || /\snomodule\b/i.test(attributes)) continue;
    if (src.startsWith("/_next/static/")) sources.add(src.replace(/&amp;/g, "&"));
  }
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { scripts: sources.size, rawBytes, gzipBytes };
}

/** Server time of the pay page and the intent endpoint at rising concurrency, and the pay page's JS. */
export async function runPayFlow(
  baseUrl: string,
  fixture: PayFixture,
  options: { quick: boolean; log: (line: string) => void; pid: number },
): Promise<PayFlowResult> {
  const levels = payLevels(options.quick);
  const pageNext = rotating(fixture.tokens, (t) => `/pay/${t}`, "GET");
  // Enough requests for V8 to compile the page's hot paths: the first level would otherwise time the JIT.
  await warmUp(baseUrl, options.quick ? 20 : 60, pageNext);
  const page: LoadResult[] = [];
  for (const level of levels) {
    page.push(await runLoad({ url: baseUrl, ...level, next: pageNext, serverPid: options.pid }));
    options.log(`  GET /pay/[token] c=${level.connections}: p50 ${page.at(-1)?.p50} ms`);
  }

  const intentNext = rotating(fixture.intentTokens, (t) => `/api/pay/${t}/intent`, "POST");
  const intentCreate = await runLoad({
    url: baseUrl,
    connections: 10,
    amount: fixture.intentTokens.length,
    maxSeconds: 60,
    next: intentNext,
    serverPid: options.pid,
  });
  options.log(`  POST intent (create) c=10: p50 ${intentCreate.p50} ms`);
  const intentReuse: LoadResult[] = [];
  for (const level of levels) {
    intentReuse.push(await runLoad({ url: baseUrl, ...level, next: intentNext, serverPid: options.pid }));
    options.log(`  POST intent (reuse) c=${level.connections}: p50 ${intentReuse.at(-1)?.p50} ms`);
  }

  const payPage = await firstLoadScripts(baseUrl, `/pay/${fixture.tokens[0]}`);
  // The framework's not-found page of the same build: the root layout and nothing else.
  const emptyPage = await firstLoadScripts(baseUrl, `/bench-empty-${randomBytes(4).toString("hex")}`);
  return {
    page,
    intentCreate,
    intentReuse,
    firstLoad: { payPage, emptyPage, extraGzipBytes: payPage.gzipBytes - emptyPage.gzipBytes },
  };
}
